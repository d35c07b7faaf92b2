package io.clickstream.consumer.kafka;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Bytes, as Kafka's {@code ByteArrayDeserializer}, but an oversized key or value is cut before it is
 * copied: only its first {@code keepWhenOver} bytes are kept (Kafka still reports the full size as
 * {@code serializedValueSize}, so the record is judged, and dead-lettered, as the size it was). And a
 * poll ends early once it holds {@link PollBytes}' worth: the deserializer then refuses the next record,
 * and Kafka returns the records before it and hands it over again at the next poll.
 */
public final class CappedBytesDeserializer implements Deserializer<byte[]> {
    private final int maxBytes;
    private final int keepWhenOver;
    private final PollBytes poll;

    /** The poll holds enough: the record is handed over again at the next poll. No stack trace: it is expected. */
    static final class PollFull extends SerializationException {
        private static final long serialVersionUID = 1L;

        PollFull() {
            super("this poll holds its share of BUFFER_MAX_BYTES already; the record is taken at the next poll", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * @param maxBytes larger keys or values are cut
     * @param keepWhenOver how much of a larger one is kept (at most {@code maxBytes}... or more: a value over
     *     MAX_RECORD_BYTES keeps the prefix the dead letter forwards)
     */
    public CappedBytesDeserializer(int maxBytes, int keepWhenOver, PollBytes poll) {
        this.maxBytes = maxBytes;
        this.keepWhenOver = keepWhenOver;
        this.poll = poll;
    }

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data == null ? null : deserialize(topic, null, ByteBuffer.wrap(data));
    }

    @Override
    public byte[] deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        int size = data.remaining();
        int keep = size <= maxBytes ? size : Math.min(size, keepWhenOver);
        if (!poll.take(keep)) {
            throw new PollFull();
        }
        byte[] bytes = new byte[keep];
        data.duplicate().get(bytes);
        return bytes;
    }
}
