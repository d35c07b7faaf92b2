package io.clickstream.consumer.parquet;

import io.clickstream.common.avro.EventSchema;
import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A validated event plus its Kafka coordinates, as one lake row. */
public final class EventRowMapper {
    private static final Schema SCHEMA = EventSchema.get();
    private static final int EVENT_ID = pos(EventFields.EVENT_ID);
    private static final int USER_ID = pos(EventFields.USER_ID);
    private static final int SESSION_ID = pos(EventFields.SESSION_ID);
    private static final int EVENT_TYPE = pos(EventFields.EVENT_TYPE);
    private static final int TIMESTAMP = pos(EventFields.TIMESTAMP);
    private static final int PAGE_URL = pos(EventFields.PAGE_URL);
    private static final int PRODUCT_ID = pos(EventFields.PRODUCT_ID);
    private static final int IP_ADDRESS = pos(EventFields.IP_ADDRESS);
    private static final int REFERRER = pos(EventFields.REFERRER);
    private static final int USER_AGENT = pos(EventFields.USER_AGENT);
    private static final int DEVICE = pos(EventFields.DEVICE);
    private static final int INGESTED_AT = pos(EventFields.INGESTED_AT);
    private static final int KAFKA_PARTITION = pos(EventFields.KAFKA_PARTITION);
    private static final int KAFKA_OFFSET = pos(EventFields.KAFKA_OFFSET);

    private EventRowMapper() {
    }

    public static GenericRecord toRow(ClickEvent event, Instant ingestedAt, int partition, long offset) {
        var row = new GenericData.Record(SCHEMA);
        row.put(EVENT_ID, event.eventId());
        row.put(USER_ID, event.userId());
        row.put(SESSION_ID, event.sessionId());
        row.put(EVENT_TYPE, event.eventType().wireName());
        row.put(TIMESTAMP, micros(event.timestamp()));
        row.put(PAGE_URL, event.pageUrl());
        row.put(PRODUCT_ID, event.productId());
        row.put(IP_ADDRESS, event.ipAddress());
        row.put(REFERRER, event.referrer());
        row.put(USER_AGENT, event.userAgent());
        row.put(DEVICE, event.device());
        row.put(INGESTED_AT, micros(ingestedAt));
        row.put(KAFKA_PARTITION, partition);
        row.put(KAFKA_OFFSET, offset);
        return row;
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static int pos(String field) {
        Schema.Field f = SCHEMA.getField(field);
        if (f == null) {
            throw new IllegalStateException("schema has no field " + field);
        }
        return f.pos();
    }
}
