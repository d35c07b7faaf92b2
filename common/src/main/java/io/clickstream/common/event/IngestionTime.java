package io.clickstream.common.event;

import java.time.Instant;

/**
 * When an event entered the pipeline: the Kafka record timestamp. It is a pure function of the
 * record, never of the consumer's clock, so a replay after a crash gets the same value (and the
 * same S3 key) as the first attempt.
 */
public final class IngestionTime {

    private IngestionTime() {
    }

    /**
     * @param kafkaTimestampMillis the record's timestamp; negative means the record carries none
     *     (pre-0.10 message format), and then the event's own time is used, which is just as stable
     */
    public static Instant of(long kafkaTimestampMillis, Instant eventTime) {
        return kafkaTimestampMillis >= 0 ? Instant.ofEpochMilli(kafkaTimestampMillis) : eventTime;
    }
}
