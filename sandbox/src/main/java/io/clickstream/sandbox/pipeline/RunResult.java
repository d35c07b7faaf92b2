package io.clickstream.sandbox.pipeline;

import io.clickstream.consumer.kafka.SinkSummary;
import java.time.Duration;

/** What a run did: the producer's and the consumer's counts, and how long it took end to end. */
public record RunResult(long produced, long acked, long failed, SinkSummary consumer, Duration elapsed) {

    public double eventsPerSecond() {
        return produced * 1000.0 / Math.max(1, elapsed.toMillis());
    }
}
