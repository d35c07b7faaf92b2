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

    /**
     * Why a generation closed. {@code CAUGHT_UP}: the generation holding (the end of) the backlog found at an
     * assignment, once the consumer has read the partition to its end (see {@code PartitionDelivery#catchingUp}).
     */
    public enum CloseReason { NONE, RECORDS, BYTES, AGE, CAUGHT_UP, BUDGET, REVOKED, SHUTDOWN }
}
