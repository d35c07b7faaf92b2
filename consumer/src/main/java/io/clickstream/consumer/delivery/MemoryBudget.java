package io.clickstream.consumer.delivery;

import io.clickstream.consumer.generation.BatchLimits.CloseReason;

/**
 * {@code BUFFER_MAX_BYTES}: one byte budget across every open file. Over it, the partitions holding
 * the most are closed (uploaded) early, as far as the one-generation rule allows; what remains waits
 * for in-flight commits while its partitions are paused.
 */
public final class MemoryBudget {
    private final Deliveries deliveries;
    private final long maxBytes;

    public MemoryBudget(Deliveries deliveries, long maxBytes) {
        this.deliveries = deliveries;
        this.maxBytes = maxBytes;
    }

    public boolean exceeded() {
        return deliveries.bufferedBytes() > maxBytes;
    }

    /** Closes the partitions with the most buffered bytes until under budget, or until none may close. */
    public void enforce() {
        long buffered = deliveries.bufferedBytes();
        while (buffered > maxBytes) {
            PartitionDelivery largest = null;
            for (PartitionDelivery delivery : deliveries.all()) {
                if (delivery.mayClose() && (largest == null || delivery.bufferedBytes() > largest.bufferedBytes())) {
                    largest = delivery;
                }
            }
            if (largest == null) {
                return;
            }
            buffered -= largest.bufferedBytes();
            deliveries.publish(largest, CloseReason.BUDGET);
        }
    }
}
