package io.clickstream.sandbox.chaos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * A consumer group's committed offsets against the topic's end offsets. Every call opens a short-lived
 * {@link Admin}: a client kept open across a broker restart would keep logging reconnection warnings.
 */
final class GroupOffsets {
    private static final int TIMEOUT_MS = 10_000;

    private final String bootstrap;
    private final String topic;
    private final String group;

    GroupOffsets(String bootstrap, String topic, String group) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.group = group;
    }

    /** The group's committed offset per partition number; partitions never committed are absent. */
    Map<Integer, Long> committed() throws OffsetsUnavailableException {
        try (Admin admin = admin()) {
            return committed(admin);
        }
    }

    /** Records of the topic the group has not committed yet. */
    long lag() throws OffsetsUnavailableException {
        try (Admin admin = admin()) {
            Map<Integer, Long> committed = committed(admin);
            long lag = 0;
            for (Map.Entry<Integer, Long> end : endOffsets(admin).entrySet()) {
                lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
            }
            return lag;
        }
    }

    /**
     * The partitions not committed to their end, each with its lag and its owner as the coordinator sees it: an
     * observation for the drain's progress lines, which tells a slow owner from a partition that nobody owns.
     */
    String behind() throws OffsetsUnavailableException {
        try (Admin admin = admin()) {
            Map<Integer, Long> committed = committed(admin);
            Map<Integer, String> owners = new HashMap<>();
            for (MemberDescription member : members(admin)) {
                String name = member.groupInstanceId().orElse(member.clientId());
                member.assignment().topicPartitions().stream().filter(p -> p.topic().equals(topic))
                        .forEach(p -> owners.put(p.partition(), name));
            }
            return describeBehind(endOffsets(admin), committed, owners);
        }
    }

    /** {@code partition 3: 524 behind, owned by nobody; partition 5: ...}, by partition number. */
    static String describeBehind(Map<Integer, Long> ends, Map<Integer, Long> committed, Map<Integer, String> owners) {
        return ends.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(end -> end.getValue() > committed.getOrDefault(end.getKey(), 0L))
                .map(end -> "partition " + end.getKey() + ": " + (end.getValue() - committed.getOrDefault(end.getKey(), 0L))
                        + " behind, owned by " + owners.getOrDefault(end.getKey(), "nobody"))
                .collect(Collectors.joining("; "));
    }

    /**
     * Removes every member of the group (KIP-571: the Admin API can remove a dynamic member only together
     * with all the others). Live members notice at their next heartbeat, lose their partitions without a
     * commit and join again; a dead member's partitions are then assigned at once. Returns how many
     * members were removed (0 for an empty group).
     */
    int evictAll() throws OffsetsUnavailableException {
        try (Admin admin = admin()) {
            int members;
            try {
                members = get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)).members().size();
            } catch (OffsetsUnavailableException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return 0; // no consumer has joined yet: nobody to evict
                }
                throw e;
            }
            if (members == 0) {
                return 0;
            }
            var options = new RemoveMembersFromConsumerGroupOptions();
            options.reason("chaos run: a member was killed");
            get(admin.removeMembersFromConsumerGroup(group, options).all());
            return members;
        }
    }

    /**
     * The group's members as the coordinator sees them (client id, instance id, assignment); empty before any
     * consumer has joined.
     */
    List<MemberDescription> members(Admin admin) throws OffsetsUnavailableException {
        try {
            return List.copyOf(get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)).members());
        } catch (OffsetsUnavailableException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    /** The group's committed offset per partition number, over {@code admin}. */
    Map<Integer, Long> committed(Admin admin) throws OffsetsUnavailableException {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<Integer, Long> result = new HashMap<>();
        offsets.forEach((p, o) -> {
            if (o != null && p.topic().equals(topic)) {
                result.put(p.partition(), o.offset());
            }
        });
        return result;
    }

    /** The topic's end offset per partition number, over {@code admin}. */
    Map<Integer, Long> endOffsets(Admin admin) throws OffsetsUnavailableException {
        List<TopicPartition> partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        return get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()).entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    private Admin admin() {
        return openAdmin("chaos-offsets");
    }

    /** An Admin client for the calls above that take one; the caller closes it. */
    Admin openAdmin(String clientId) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return Admin.create(props);
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws OffsetsUnavailableException {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new OffsetsUnavailableException(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new OffsetsUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OffsetsUnavailableException(e);
        }
    }

    /** Kafka did not answer (it may be restarting): the caller asks again later. */
    static final class OffsetsUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        OffsetsUnavailableException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
