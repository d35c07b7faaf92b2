package io.clickstream.consumer.kafka;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Key or value bytes, with an oversized one cut before it is copied: only its first {@code keepWhenOver} bytes are
 * kept (Kafka still reports the full size as {@code serializedValueSize}, so the record is judged, and
 * dead-lettered, as the size it was). And a poll ends early once it holds {@link PollBytes}' worth: the
 * deserializer then refuses the next record, and Kafka returns the records before it and hands it over again at
 * the next poll.
 *
 * <p>{@linkplain #inPlace In place} (the values), a value is not copied at all where Kafka read its record into an
 * array of its own (a compressed batch: one array per record) that holds little besides it: the buffer Kafka hands
 * over is returned as it is, and the decoder reads the JSON from the record's array. The poll then counts that whole
 * array. Anywhere else the bytes are copied: a record of an uncompressed batch lies in the fetch response, which a
 * view would keep whole, and a small value next to a large key or headers would keep those. Keys are always copied:
 * a view of a key would keep its record's value.
 *
 * <p>Readers use the buffer's array from {@code arrayOffset() + position()} for {@code remaining()} bytes, or a
 * {@code duplicate()}, and never move its position.
 */
public final class CappedBytesDeserializer implements Deserializer<ByteBuffer> {
    /** At most this much of a record's array besides the value, for the value to be read in place. */
    static final int IN_PLACE_SLACK = 4 * 1024;

    private final int maxBytes;
    private final int keepWhenOver;
    private final PollBytes poll;
    private final boolean inPlace;
    /** Values end their record for {@link PollBytes}; keys come first and do not. */
    private final boolean value;

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
        this(maxBytes, keepWhenOver, poll, false, true);
    }

    private CappedBytesDeserializer(int maxBytes, int keepWhenOver, PollBytes poll, boolean inPlace, boolean value) {
        this.maxBytes = maxBytes;
        this.keepWhenOver = keepWhenOver;
        this.poll = poll;
        this.inPlace = inPlace;
        this.value = value;
    }

    /**
     * For keys: as the constructor (a copy), but a key does not end its record for the poll's count, so that the
     * first record of a poll is taken whole even when its key and value together pass the poll's share.
     */
    public static CappedBytesDeserializer forKeys(int maxBytes, int keepWhenOver, PollBytes poll) {
        return new CappedBytesDeserializer(maxBytes, keepWhenOver, poll, false, false);
    }

    /** For values: as the constructor, but reading a value in place where its record's array allows (see above). */
    public static CappedBytesDeserializer inPlace(int maxBytes, int keepWhenOver, PollBytes poll) {
        return new CappedBytesDeserializer(maxBytes, keepWhenOver, poll, true, true);
    }

    @Override
    public ByteBuffer deserialize(String topic, byte[] data) {
        return data == null ? null : deserialize(topic, null, ByteBuffer.wrap(data));
    }

    @Override
    public ByteBuffer deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        int size = data.remaining();
        int keep = size <= maxBytes ? size : Math.min(size, keepWhenOver);
        if (inPlace && keep == size && data.hasArray() && data.array().length - size <= IN_PLACE_SLACK) {
            if (!take(data.array().length)) {
                throw new PollFull();
            }
            return data;
        }
        if (!take(keep)) {
            throw new PollFull();
        }
        return ByteBuffer.wrap(BufferCopies.prefix(data, keep));
    }

    private boolean take(long bytes) {
        return value ? poll.takeValue(bytes) : poll.takeKey(bytes);
    }
}
