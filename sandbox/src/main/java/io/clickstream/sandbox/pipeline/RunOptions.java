package io.clickstream.sandbox.pipeline;

import java.time.Duration;

/** What one end-to-end run produces and how the consumer batches it. */
public record RunOptions(long events, int rate, double invalidRatio, long seed, String topic, String dlqTopic,
        String bucket, String prefix, String groupId, Duration batchMaxAge, Duration timeout) {

    public static RunOptions defaults(long events, long seed) {
        return new RunOptions(events, 0, 0.01, seed, "clickstream", "clickstream-dlq", "clickstream-bucket",
                "clickstream", "clickstream-sandbox", Duration.ofSeconds(3), Duration.ofMinutes(10));
    }

    public RunOptions withInvalidRatio(double ratio) {
        return new RunOptions(events, rate, ratio, seed, topic, dlqTopic, bucket, prefix, groupId, batchMaxAge, timeout);
    }

    public RunOptions withRate(int eventsPerSecond) {
        return new RunOptions(events, eventsPerSecond, invalidRatio, seed, topic, dlqTopic, bucket, prefix, groupId,
                batchMaxAge, timeout);
    }
}
