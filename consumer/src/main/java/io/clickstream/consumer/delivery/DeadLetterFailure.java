package io.clickstream.consumer.delivery;

/** What to do with a dead letter the dead-letter topic refuses for good ({@code DLQ_FAILURE}). */
public enum DeadLetterFailure {
    /** Stop with exit code 1, naming the record; nothing is committed past it. */
    FAIL,
    /** Log the record's coordinates and go on as if it was delivered. */
    SKIP
}
