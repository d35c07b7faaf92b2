package io.clickstream.consumer.kafka;

/**
 * How many key and value bytes one poll may hand over. Kafka bounds a fetch by its compressed size only,
 * and a few kilobytes of zstd can hold megabytes of repeated bytes: without this a single poll of
 * highly compressible records could exhaust the heap. The deserializers take from it; the loop resets
 * it before each poll. The first record of a poll is always taken (each is capped on its own).
 */
public final class PollBytes {
    private final long max;
    private long used;

    public PollBytes(long max) {
        this.max = max;
    }

    /** Accounts for {@code bytes}; false when the poll already holds some and these would pass the maximum. */
    boolean take(long bytes) {
        if (used > 0 && used + bytes > max) {
            return false;
        }
        used += bytes;
        return true;
    }

    /** A new poll begins. Called on the poll thread, where the deserializers also run. */
    void reset() {
        used = 0;
    }
}
