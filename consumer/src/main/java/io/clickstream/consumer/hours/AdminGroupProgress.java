package io.clickstream.consumer.hours;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The group's committed offsets and watermarks, asked with two cheap Admin calls (no group membership). The Admin
 * client is made at the first read, on the reader's thread: the consumer's start (launch to first fetch) does not
 * wait for it.
 */
public final class AdminGroupProgress implements GroupProgress.Source, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Supplier<Admin> newAdmin;
    private final String topic;
    private final String group;
    private Admin admin; // guarded by this; null until the first read

    public AdminGroupProgress(Supplier<Admin> newAdmin, String topic, String group) {
        this.newAdmin = newAdmin;
        this.topic = topic;
        this.group = group;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = newAdmin.get();
        }
        return admin;
    }

    @Override
    public GroupProgress read() throws Exception {
        Admin admin = admin();
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
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2)); // at a stop, perhaps with Kafka away: do not hold the exit up
        }
    }
}
