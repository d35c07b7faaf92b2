package io.clickstream.consumer;

import io.clickstream.consumer.kafka.PartitionOwners;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * {@link PartitionOwners} from the Admin API's description of the group: its state and each member's assignment.
 * Needs what the consumer already has: DESCRIBE on the group, implied by READ.
 */
final class AdminPartitionOwners implements PartitionOwners {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ConsumerConfig config;
    private final String clientId;

    AdminPartitionOwners(ConsumerConfig config, String clientId) {
        this.config = config;
        this.clientId = clientId;
    }

    @Override
    public Set<Integer> unowned(int partitionCount) throws Exception {
        try (Admin admin = ShortLivedAdmin.create(config.kafkaBroker(), config.kafkaClient(), clientId, TIMEOUT)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(config.groupId())).describedGroups()
                    .get(config.groupId()).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return unowned(group, config.topic(), partitionCount);
        } catch (ExecutionException e) {
            throw new IllegalStateException("describing group " + config.groupId() + ": "
                    + config.kafkaClient().redact(String.valueOf(e.getCause())));
        }
    }

    /** Null unless the group is stable; else the partitions of {@code topic} in no member's assignment. */
    static Set<Integer> unowned(ConsumerGroupDescription group, String topic, int partitionCount) {
        if (group.groupState() != GroupState.STABLE) {
            return null;
        }
        Set<Integer> free = new TreeSet<>();
        for (int p = 0; p < partitionCount; p++) {
            free.add(p);
        }
        group.members().forEach(member -> member.assignment().topicPartitions().stream()
                .filter(partition -> partition.topic().equals(topic))
                .forEach(partition -> free.remove(partition.partition())));
        return free;
    }
}
