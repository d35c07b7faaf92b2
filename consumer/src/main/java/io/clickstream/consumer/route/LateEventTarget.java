package io.clickstream.consumer.route;

/** Where an event goes whose own time is too far behind its Kafka timestamp ({@code LATE_EVENT_TARGET}). */
public enum LateEventTarget {
    /** A file under {@code <prefix>/late/}, in the folder of the event's own hour. */
    LATE_PREFIX,
    /** The dead-letter topic, with reason {@code late_event}. */
    DLQ
}
