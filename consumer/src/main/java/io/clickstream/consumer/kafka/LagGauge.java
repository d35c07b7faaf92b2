package io.clickstream.consumer.kafka;

import io.clickstream.consumer.metrics.ConsumerMetrics;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** The records behind the end of each assigned partition, from the consumer's own fetch positions (no request). */
final class LagGauge {
    private final Consumer<?, ?> consumer;
    private final ConsumerMetrics metrics;

    LagGauge(Consumer<?, ?> consumer, ConsumerMetrics metrics) {
        this.consumer = consumer;
        this.metrics = metrics;
    }

    /** Updates the per-partition gauges and returns the total, or -1 while some partition's lag is not known. */
    long total() {
        long total = 0;
        try {
            for (TopicPartition partition : consumer.assignment()) {
                OptionalLong lag = consumer.currentLag(partition);
                if (lag.isEmpty()) {
                    return -1;
                }
                metrics.lag(partition, lag.getAsLong());
                total += lag.getAsLong();
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return total;
    }
}
