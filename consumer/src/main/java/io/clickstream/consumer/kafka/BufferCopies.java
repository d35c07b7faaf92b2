package io.clickstream.consumer.kafka;

import java.nio.ByteBuffer;

/** Copies out of the buffers Kafka hands a record's key and value in, leaving the buffers as they were. */
public final class BufferCopies {
    private BufferCopies() {
    }

    /** The buffer's first {@code max} remaining bytes (all of them if fewer), in a new array; its position stays. */
    public static byte[] prefix(ByteBuffer buffer, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max cannot be negative: " + max);
        }
        byte[] copy = new byte[Math.min(buffer.remaining(), max)];
        buffer.get(buffer.position(), copy);
        return copy;
    }

    /** Every remaining byte of the buffer, in a new array; its position stays. */
    public static byte[] all(ByteBuffer buffer) {
        return prefix(buffer, buffer.remaining());
    }
}
