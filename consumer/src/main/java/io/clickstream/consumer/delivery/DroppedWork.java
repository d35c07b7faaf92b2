package io.clickstream.consumer.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Records this consumer read and then dropped without committing them, kept until a commit passes
 * them: the consumer's own after a replay, or, asked of Kafka at the end, the group's (the partition's
 * next owner replayed them). What is left when the consumer stops is what it may not call committed.
 */
final class DroppedWork {
    private final List<Range> ranges = new ArrayList<>();

    /** Offsets {@code from} to {@code to - 1} of a partition, and why they were dropped. */
    record Range(TopicPartition partition, long from, long to, String why) {
        @Override
        public String toString() {
            return partition + " offsets " + from + ".." + (to - 1) + " (" + why + ")";
        }
    }

    void dropped(TopicPartition partition, Held held, String why) {
        if (held != null) {
            ranges.add(new Range(partition, held.from(), held.to(), why));
        }
    }

    /** The consumer committed {@code offset}: what it dropped below that was consumed again and is in. */
    void committed(TopicPartition partition, long offset) {
        ranges.removeIf(r -> r.partition().equals(partition) && r.to() <= offset);
    }

    /**
     * What is still not committed by the group, asking Kafka for the group's committed offsets of the
     * partitions concerned; if Kafka does not answer, every range counts as not committed.
     */
    List<Range> notCommitted(Consumer<?, ?> consumer, Duration timeout) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        Set<TopicPartition> partitions = new HashSet<>();
        ranges.forEach(r -> partitions.add(r.partition()));
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = consumer.committed(partitions, timeout);
        } catch (KafkaException e) {
            return List.copyOf(ranges);
        }
        List<Range> left = new ArrayList<>();
        for (Range range : ranges) {
            OffsetAndMetadata offset = committed.get(range.partition());
            if (offset == null || offset.offset() < range.to()) {
                left.add(range);
            }
        }
        return left;
    }
}
