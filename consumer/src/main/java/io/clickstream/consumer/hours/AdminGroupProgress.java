package io.clickstream.consumer.hours;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The group's committed offsets and watermarks, asked with two cheap Admin calls (no group membership). */
public final class AdminGroupProgress implements GroupProgress.Source, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;
    private final String topic;
    private final String group;

    public AdminGroupProgress(Admin admin, String topic, String group) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
    }

    @Override
    public GroupProgress read() throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().size();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group,
                new ListConsumerGroupOffsetsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        var offsets = new HashMap<Integer, Long>();
        var watermarks = new HashMap<Integer, Long>();
        var graces = new HashMap<Integer, Long>();
        committed.forEach((partition, offset) -> {
            if (offset != null && partition.topic().equals(topic)) {
                offsets.put(partition.partition(), offset.offset());
                watermarks.put(partition.partition(), Watermark.decode(offset.metadata()));
                graces.put(partition.partition(), Watermark.decodeGrace(offset.metadata()));
            }
        });
        return new GroupProgress(partitions, offsets, watermarks, graces);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2)); // at a stop, perhaps with Kafka away: do not hold the exit up
    }
}
