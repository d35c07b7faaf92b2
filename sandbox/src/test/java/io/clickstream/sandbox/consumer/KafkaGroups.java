package io.clickstream.sandbox.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the broker knows about a consumer group and a topic, read with an {@link Admin} client. */
public final class KafkaGroups implements AutoCloseable {
    private final Admin admin;

    public KafkaGroups(String bootstrap) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
    }

    /** The group's committed offset per partition (partitions never committed are absent). */
    public Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((p, o) -> {
            if (o != null) {
                result.put(p, o.offset());
            }
        });
        return result;
    }

    /** The end offset of every partition of the topic. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        List<TopicPartition> partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        return get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** A group's own configuration value ({@code consumer.session.timeout.ms}...), or null when it has none. */
    String groupConfig(String group, String name) {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.GROUP, group);
        var entry = get(admin.describeConfigs(List.of(resource)).all()).get(resource).get(name);
        return entry == null ? null : entry.value();
    }

    /** Records of the topic not yet committed by the group. */
    public long lag(String topic, String group) {
        Map<TopicPartition, Long> committed = committed(group);
        long lag = 0;
        for (var e : endOffsets(topic).entrySet()) {
            lag += e.getValue() - committed.getOrDefault(e.getKey(), 0L);
        }
        return lag;
    }

    /**
     * Waits until the group has committed the end of every partition of the topic (lag 0).
     *
     * @param alive checked on every turn: waiting stops with a failure as soon as the consumer is gone
     */
    public void awaitCommittedToEnd(String topic, String group, Duration timeout, BooleanSupplier alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long lag = lag(topic, group);
            if (lag == 0) {
                return;
            }
            if (!alive.getAsBoolean()) {
                throw new AssertionError("the consumer stopped with " + lag + " records of " + topic + " uncommitted");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + " the group " + group + " still has " + lag
                        + " records of " + topic + " uncommitted; committed=" + committed(group) + " end="
                        + endOffsets(topic) + " group=" + describeShort(group));
            }
            Thread.sleep(200);
        }
    }

    public ConsumerGroupDescription describe(String group) {
        return get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
    }

    /** Group state and each member's instance id (or client id) and partitions, for messages. */
    public String describeShort(String group) {
        try {
            ConsumerGroupDescription d = describe(group);
            return d.groupState() + " " + d.members().stream().map(m -> m.groupInstanceId().orElse(m.clientId()) + "="
                    + m.assignment().topicPartitions().stream().map(TopicPartition::partition).sorted().toList()).toList();
        } catch (RuntimeException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    /** Waits until the group is stable with {@code members} members that together own {@code partitions} partitions. */
    public ConsumerGroupDescription awaitStable(String group, int members, int partitions, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsumerGroupDescription d = null;
        while (true) {
            try {
                d = describe(group);
            } catch (IllegalStateException e) {
                // the group does not exist until its first member joins
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " never appeared: " + e.getMessage(), e);
                }
                Thread.sleep(200);
                continue;
            }
            int owned = d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
            if (d.groupState() == org.apache.kafka.common.GroupState.STABLE && d.members().size() == members
                    && owned == partitions) {
                return d;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " not stable with " + members + " members owning "
                        + partitions + " partitions after " + timeout + ": " + d);
            }
            Thread.sleep(200);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("admin call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
