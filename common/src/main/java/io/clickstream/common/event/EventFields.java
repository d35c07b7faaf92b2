package io.clickstream.common.event;

import java.util.List;

/** Field names on the wire (JSON) and in Parquet. One place, so producer, consumer and tests agree. */
public final class EventFields {
    public static final String EVENT_ID = "event_id";
    public static final String USER_ID = "user_id";
    public static final String SESSION_ID = "session_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String TIMESTAMP = "timestamp";
    public static final String PAGE_URL = "page_url";
    public static final String PRODUCT_ID = "product_id";
    public static final String IP_ADDRESS = "ip_address";
    public static final String REFERRER = "referrer";
    public static final String USER_AGENT = "user_agent";
    public static final String DEVICE = "device";

    /** Columns the consumer adds. */
    public static final String INGESTED_AT = "ingested_at";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";

    public static final List<String> REQUIRED = List.of(USER_ID, SESSION_ID, EVENT_TYPE, TIMESTAMP, PAGE_URL);

    private EventFields() {
    }
}
