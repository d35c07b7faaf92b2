package io.clickstream.consumer.route;

/** Which instant of a record picks its hour folder ({@code PARTITION_TIME}). */
public enum PartitionTime {
    /** The record's Kafka timestamp: when the event entered the pipeline. */
    INGESTION,
    /** The event's own timestamp; events too far behind their Kafka timestamp are late. */
    EVENT
}
