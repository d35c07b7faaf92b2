package io.clickstream.consumer.testing;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link MockConsumer} that remembers every commit (readable after {@code close()}) and can run a
 * check, or throw, just before a commit lands.
 */
public final class RecordingConsumer extends MockConsumer<ByteBuffer, ByteBuffer> {
    private final List<Map<TopicPartition, Long>> commits = new CopyOnWriteArrayList<>();
    private volatile Consumer<Map<TopicPartition, OffsetAndMetadata>> beforeCommit = offsets -> {
    };

    public RecordingConsumer() {
        super("earliest");
    }

    public void beforeCommit(Consumer<Map<TopicPartition, OffsetAndMetadata>> hook) {
        this.beforeCommit = hook;
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        beforeCommit.accept(offsets);
        var plain = new HashMap<TopicPartition, Long>();
        offsets.forEach((tp, om) -> plain.put(tp, om.offset()));
        super.commitSync(offsets, timeout);
        commits.add(Map.copyOf(plain));
    }

    /** Every successful commit, in order. */
    public List<Map<TopicPartition, Long>> commits() {
        return new ArrayList<>(commits);
    }

    /** The last offset committed for a partition, or null. */
    public Long lastCommit(TopicPartition tp) {
        Long last = null;
        for (Map<TopicPartition, Long> c : commits) {
            if (c.containsKey(tp)) {
                last = c.get(tp);
            }
        }
        return last;
    }
}
