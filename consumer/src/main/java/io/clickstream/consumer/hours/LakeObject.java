package io.clickstream.consumer.hours;

import java.util.Map;

/**
 * One Parquet object of an hour folder as S3 describes it: its key, its size, and the lineage the
 * consumer put in its metadata ({@code kafka-topic}, {@code kafka-partition}, offsets, rows, event times).
 */
public record LakeObject(String key, long bytes, Map<String, String> metadata) {
    public static final String TOPIC = "kafka-topic";
    public static final String PARTITION = "kafka-partition";
    public static final String FIRST_OFFSET = "kafka-first-offset";
    public static final String LAST_OFFSET = "kafka-last-offset";
    public static final String ROWS = "rows";
    public static final String MIN_EVENT_TIME = "min-event-time";
    public static final String MAX_EVENT_TIME = "max-event-time";

    public LakeObject {
        metadata = Map.copyOf(metadata);
    }

    String topic() {
        return metadata.get(TOPIC);
    }

    /** -1 when the metadata does not say (an object not written by this consumer). */
    int partition() {
        return (int) number(PARTITION);
    }

    long firstOffset() {
        return number(FIRST_OFFSET);
    }

    long lastOffset() {
        return number(LAST_OFFSET);
    }

    long rows() {
        return number(ROWS);
    }

    String minEventTime() {
        return metadata.get(MIN_EVENT_TIME);
    }

    String maxEventTime() {
        return metadata.get(MAX_EVENT_TIME);
    }

    /** Carries the lineage a manifest needs. */
    boolean hasLineage() {
        return topic() != null && partition() >= 0 && firstOffset() >= 0 && lastOffset() >= firstOffset() && rows() >= 0;
    }

    private long number(String name) {
        String value = metadata.get(name);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
