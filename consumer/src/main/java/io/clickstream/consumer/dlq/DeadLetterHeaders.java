package io.clickstream.consumer.dlq;

/** Header names on dead-lettered records (Kafka Connect's convention). Public interface. */
public final class DeadLetterHeaders {
    public static final String ERROR_REASON = "error.reason";
    public static final String ERROR_FIELD = "error.field";
    public static final String ERROR_MESSAGE = "error.message";
    public static final String SOURCE_TOPIC = "source.topic";
    public static final String SOURCE_PARTITION = "source.partition";
    public static final String SOURCE_OFFSET = "source.offset";
    public static final String SOURCE_TIMESTAMP = "source.timestamp";
    /** Set when the value was longer than the router forwards: the first bytes are kept. */
    public static final String VALUE_TRUNCATED = "error.value.truncated";
    /** The original value's length, with {@link #VALUE_TRUNCATED}. */
    public static final String VALUE_BYTES = "error.value.bytes";
    /** Set when the key was longer than forwarded: the first bytes are kept. */
    public static final String KEY_TRUNCATED = "error.key.truncated";
    /** The original key's length, with {@link #KEY_TRUNCATED}. */
    public static final String KEY_BYTES = "error.key.bytes";
    /** How many of the record's own headers were left out because together they were too large. */
    public static final String HEADERS_DROPPED = "error.headers.dropped";
    /** The total size of the record's own headers, with {@link #HEADERS_DROPPED}. */
    public static final String HEADERS_BYTES = "error.headers.bytes";
    /**
     * Prefix given to a record's own headers named like ours ({@code error.*}, {@code source.*}), so that
     * none of them can pass for one the consumer set: {@code error.reason} arrives as {@code original.error.reason}.
     */
    public static final String ORIGINAL_PREFIX = "original.";

    private DeadLetterHeaders() {
    }
}
