package io.clickstream.consumer.kafka;

import io.clickstream.consumer.delivery.Deliveries;
import io.clickstream.consumer.delivery.PartitionDelivery;
import io.clickstream.consumer.metrics.HealthState;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells the {@link HealthState} after each turn of the poll loop what the consumer holds, in plain values,
 * so that the metrics package knows nothing of the loop's classes. Runs on the poll thread: the Kafka
 * consumer may be asked nothing from any other.
 */
final class LoopHealth {
    private final Consumer<?, ?> consumer;
    private final Deliveries deliveries;
    private final HealthState health;

    LoopHealth(Consumer<?, ?> consumer, Deliveries deliveries, HealthState health) {
        this.consumer = consumer;
        this.deliveries = deliveries;
        this.health = health;
    }

    void turned() {
        Set<String> retrying = Set.of();
        Set<String> uploading = Set.of();
        for (PartitionDelivery delivery : deliveries.all()) {
            switch (delivery.state()) {
                case RETRY_AT -> retrying = add(retrying, delivery.partition());
                case UPLOADING -> uploading = add(uploading, delivery.partition());
                default -> {
                    // READY, AWAITING_COMMIT, DROPPED: nothing is waiting out a backoff
                }
            }
        }
        health.turned(joined(), consumer.assignment().size(), retrying, uploading);
    }

    /** A member of its group: the coordinator gave it a generation (it has none before joining, or once evicted). */
    private boolean joined() {
        try {
            return consumer.groupMetadata().generationId() > 0;
        } catch (RuntimeException e) {
            return false; // a closed consumer or one without a group is no member
        }
    }

    private static Set<String> add(Set<String> set, TopicPartition partition) {
        Set<String> mutable = set.isEmpty() ? new HashSet<>() : set;
        mutable.add(partition.toString());
        return mutable;
    }
}
