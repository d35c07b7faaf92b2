package io.clickstream.producer.traffic;

/** What a record sent to Kafka is, for the summary. */
public enum RecordKind {
    /** A valid event sent in time and in order. */
    VALID,
    /** A valid event whose event time is minutes to hours behind. */
    LATE,
    /** A valid event sent after events that happened later. */
    OUT_OF_ORDER,
    /** A second copy of an event already sent. */
    DUPLICATE,
    /** Bytes the consumer must reject. */
    INVALID
}
