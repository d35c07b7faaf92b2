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

    private DeadLetterHeaders() {
    }
}
