package io.clickstream.common.validation;

import java.util.Locale;

/**
 * Why a record was rejected. The {@link #code()} is what goes into the dead-letter header
 * {@code error.reason} and into metrics, so it is part of the public interface.
 */
public enum Reason {
    EMPTY_RECORD,
    RECORD_TOO_LARGE,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    WRONG_TYPE,
    TOO_LONG,
    CONTROL_CHARACTER,
    INVALID_TIMESTAMP,
    UNKNOWN_EVENT_TYPE,
    INVALID_URL,
    INVALID_IP,
    INVALID_PRODUCT_ID,
    /** Only with PARTITION_TIME=event and LATE_EVENT_TARGET=dlq: event time too far behind the Kafka timestamp. */
    LATE_EVENT,
    /** The record's Kafka timestamp is before KAFKA_TIMESTAMP_MIN: it would land in a folder like year=1970. */
    KAFKA_TIMESTAMP_TOO_OLD;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
