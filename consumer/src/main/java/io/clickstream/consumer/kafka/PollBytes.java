package io.clickstream.consumer.kafka;

/**
 * How many key and value bytes one poll may hand over. Kafka bounds a fetch by its compressed size only,
 * and a few kilobytes of zstd can hold megabytes of repeated bytes: without this a single poll of
 * highly compressible records could exhaust the heap. The deserializers take from it; the loop resets
 * it before each poll. The first record of a poll is always taken whole, key and value (each is capped on its
 * own): a refusal throws from {@code poll()}, and a record refused by an empty poll would be refused at every
 * poll, the partition stuck on it.
 */
public final class PollBytes {
    private final long max;
    private long used;
    /** A whole record (its value, the last thing Kafka deserializes of it) was taken since the reset. */
    private boolean recordTaken;

    public PollBytes(long max) {
        this.max = max;
    }

    /**
     * Accounts for {@code bytes}; false when the poll holds a whole record already and these would pass the
     * maximum.
     */
    boolean take(long bytes) {
        if (recordTaken && used + bytes > max) {
            return false;
        }
        used += bytes;
        return true;
    }

    /**
     * {@link #take}, for a key. A key is the first thing Kafka deserializes of a record, so bytes taken before it
     * belong to records taken whole, including a tombstone, whose null value never reaches a deserializer (without
     * this, a poll of tombstones would take every key, whatever their bytes).
     */
    boolean takeKey(long bytes) {
        if (used > 0) {
            recordTaken = true;
        }
        return take(bytes);
    }

    /** {@link #take}, for the value: once it is taken, the record is. */
    boolean takeValue(long bytes) {
        if (!take(bytes)) {
            return false;
        }
        recordTaken = true;
        return true;
    }

    /** A new poll begins. Called on the poll thread, where the deserializers also run. */
    void reset() {
        used = 0;
        recordTaken = false;
    }
}
