package io.clickstream.consumer.generation;

import java.time.Duration;

/**
 * When a partition's open generation must close ({@code BATCH_MAX_RECORDS}, {@code BATCH_MAX_BYTES},
 * {@code BATCH_MAX_AGE}): any of its files reaching the rows or bytes limit, or the generation the age limit.
 */
public record BatchLimits(long maxRecords, long maxBytes, Duration maxAge) {

    /** Pure decision, so it is unit-tested without files or clocks. */
    public CloseReason check(long largestFileRows, long largestFileBytes, long ageMillis) {
        if (largestFileRows >= maxRecords) {
            return CloseReason.RECORDS;
        }
        if (largestFileBytes >= maxBytes) {
            return CloseReason.BYTES;
        }
        if (ageMillis >= maxAge.toMillis()) {
            return CloseReason.AGE;
        }
        return CloseReason.NONE;
    }

    public enum CloseReason { NONE, RECORDS, BYTES, AGE, BUDGET, REVOKED, SHUTDOWN }
}
