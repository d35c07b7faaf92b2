package io.clickstream.consumer.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;

/** A consumer over a topic of six partitions that only records the rebalances asked of it. */
class RebalanceRecordingConsumer extends MockConsumer<byte[], byte[]> {
    static final String TOPIC = "clickstream";

    final List<String> reasons = new ArrayList<>();

    RebalanceRecordingConsumer() {
        super("earliest");
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            partitions.add(new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]));
        }
        updatePartitions(TOPIC, partitions);
    }

    @Override
    public synchronized void enforceRebalance(String reason) {
        reasons.add(reason);
    }
}
