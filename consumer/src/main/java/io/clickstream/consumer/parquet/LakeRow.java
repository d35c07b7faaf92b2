package io.clickstream.consumer.parquet;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.validation.SourceText;
import java.time.Instant;

/**
 * A validated event plus its Kafka coordinates: one row of the lake.
 *
 * @param source where the event's strings lie in its record, as UTF-8, or {@code null}
 */
record LakeRow(ClickEvent event, SourceText source, Instant ingestedAt, int partition, long offset) {

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
