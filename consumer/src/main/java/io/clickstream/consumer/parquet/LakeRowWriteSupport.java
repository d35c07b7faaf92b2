package io.clickstream.consumer.parquet;

import io.clickstream.common.avro.EventSchema;
import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.event.EventType;
import io.clickstream.common.validation.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link LakeRow}s straight into Parquet's column writers. The file is the one parquet-avro
 * writes for the Avro schema {@code click-event.avsc} (same Parquet schema, same
 * {@code parquet.avro.schema} footer entry, so Avro readers still get the documented schema), but
 * without building an Avro record per row and walking it generically: that was a third of the
 * encoding time.
 */
final class LakeRowWriteSupport extends WriteSupport<LakeRow> {
    /** The Parquet schema parquet-avro derives from the Avro schema: the lake's schema. */
    static final MessageType SCHEMA = new AvroSchemaConverter(new PlainParquetConfiguration()).convert(EventSchema.get());
    private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

    private static final int EVENT_ID = SCHEMA.getFieldIndex(EventFields.EVENT_ID);
    private static final int USER_ID = SCHEMA.getFieldIndex(EventFields.USER_ID);
    private static final int SESSION_ID = SCHEMA.getFieldIndex(EventFields.SESSION_ID);
    private static final int EVENT_TYPE = SCHEMA.getFieldIndex(EventFields.EVENT_TYPE);
    private static final int TIMESTAMP = SCHEMA.getFieldIndex(EventFields.TIMESTAMP);
    private static final int PAGE_URL = SCHEMA.getFieldIndex(EventFields.PAGE_URL);
    private static final int PRODUCT_ID = SCHEMA.getFieldIndex(EventFields.PRODUCT_ID);
    private static final int IP_ADDRESS = SCHEMA.getFieldIndex(EventFields.IP_ADDRESS);
    private static final int REFERRER = SCHEMA.getFieldIndex(EventFields.REFERRER);
    private static final int USER_AGENT = SCHEMA.getFieldIndex(EventFields.USER_AGENT);
    private static final int DEVICE = SCHEMA.getFieldIndex(EventFields.DEVICE);
    private static final int INGESTED_AT = SCHEMA.getFieldIndex(EventFields.INGESTED_AT);
    private static final int KAFKA_PARTITION = SCHEMA.getFieldIndex(EventFields.KAFKA_PARTITION);
    private static final int KAFKA_OFFSET = SCHEMA.getFieldIndex(EventFields.KAFKA_OFFSET);

    private static final Map<EventType, Binary> EVENT_TYPE_NAMES = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            EVENT_TYPE_NAMES.put(type, Binary.fromConstantByteArray(type.wireName().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private RecordConsumer out;
    /**
     * Of the row being written, and only while it is: a record may be far larger than its strings, and an open file
     * must not hold its last one (nothing counts it against the memory budget).
     */
    private SourceText source;

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private static WriteContext context() {
        return new WriteContext(SCHEMA, Map.of(AVRO_SCHEMA_KEY, EventSchema.get().toString()));
    }

    @Override
    public String getName() {
        return "clickstream";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(LakeRow row) {
        source = row.source();
        try {
            writeFields(row);
        } finally {
            source = null;
        }
    }

    private void writeFields(LakeRow row) {
        ClickEvent event = row.event();
        out.startMessage();
        string(EventFields.EVENT_ID, EVENT_ID, event.eventId());
        string(EventFields.USER_ID, USER_ID, event.userId());
        string(EventFields.SESSION_ID, SESSION_ID, event.sessionId());
        binary(EventFields.EVENT_TYPE, EVENT_TYPE, EVENT_TYPE_NAMES.get(event.eventType()));
        int64(EventFields.TIMESTAMP, TIMESTAMP, LakeRow.micros(event.timestamp()));
        string(EventFields.PAGE_URL, PAGE_URL, event.pageUrl());
        if (event.productId() != null) {
            int64(EventFields.PRODUCT_ID, PRODUCT_ID, event.productId());
        }
        string(EventFields.IP_ADDRESS, IP_ADDRESS, event.ipAddress());
        string(EventFields.REFERRER, REFERRER, event.referrer());
        string(EventFields.USER_AGENT, USER_AGENT, event.userAgent());
        string(EventFields.DEVICE, DEVICE, event.device());
        int64(EventFields.INGESTED_AT, INGESTED_AT, LakeRow.micros(row.ingestedAt()));
        out.startField(EventFields.KAFKA_PARTITION, KAFKA_PARTITION);
        out.addInteger(row.partition());
        out.endField(EventFields.KAFKA_PARTITION, KAFKA_PARTITION);
        int64(EventFields.KAFKA_OFFSET, KAFKA_OFFSET, row.offset());
        out.endMessage();
    }

    /**
     * A null optional field is simply not written: Parquet records it as null. The value goes in as a byte array, not
     * as {@code Binary.fromString}'s buffer over it: a dictionary hashes and compares every value it is given, which
     * is a plain loop over an array but a call per byte through a buffer. The array is the record's own where the
     * row's {@link SourceText} finds the value there (no copy, no encoding), else the value's encoding.
     *
     * <p>The record's array is handed over as "reused": every encoder that keeps a value past this call (a
     * dictionary, the statistics' min and max) then copies just the value, rather than keeping the whole record alive.
     */
    private void string(String name, int index, String value) {
        if (value == null) {
            return;
        }
        long span = source == null ? -1 : source.span(value);
        binary(name, index, span < 0
                ? Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8))
                : Binary.fromReusedByteArray(source.bytes(), SourceText.start(span), SourceText.length(span)));
    }

    private void binary(String name, int index, Binary value) {
        out.startField(name, index);
        out.addBinary(value);
        out.endField(name, index);
    }

    private void int64(String name, int index, long value) {
        out.startField(name, index);
        out.addLong(value);
        out.endField(name, index);
    }
}
