package io.clickstream.consumer.parquet;

import io.clickstream.common.event.ClickEvent;
import java.time.Instant;

/** A validated event plus its Kafka coordinates: one row of the lake. */
record LakeRow(ClickEvent event, Instant ingestedAt, int partition, long offset) {

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
