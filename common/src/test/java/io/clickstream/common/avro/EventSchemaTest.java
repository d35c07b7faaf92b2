package io.clickstream.common.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.EventFields;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.junit.jupiter.api.Test;

class EventSchemaTest {
    private final Schema schema = EventSchema.get();

    @Test
    void loadsOnceFromTheClasspath() {
        assertThat(EventSchema.class.getResource(EventSchema.RESOURCE)).isNotNull();
        assertThat(EventSchema.get()).isSameAs(schema);
        assertThat(schema.getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(schema.getFullName()).isEqualTo("io.clickstream.avro.ClickEvent");
    }

    @Test
    void hasTheElevenEventFieldsThenTheThreeTheConsumerAdds() {
        assertThat(schema.getFields()).extracting(Field::name).containsExactly(
                "event_id", "user_id", "session_id", "event_type", "timestamp", "page_url", "product_id",
                "ip_address", "referrer", "user_agent", "device", "ingested_at", "kafka_partition", "kafka_offset");
    }

    @Test
    void namesEveryFieldAsEventFieldsDoes() throws Exception {
        var constants = Arrays.stream(EventFields.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();

        assertThat(schema.getFields()).extracting(Field::name).containsExactlyInAnyOrderElementsOf(constants);
    }

    @Test
    void storesEventTimeAndIngestionTimeAsUtcMicroseconds() {
        for (String name : List.of(EventFields.TIMESTAMP, EventFields.INGESTED_AT)) {
            Schema type = schema.getField(name).schema();
            assertThat(type.getType()).as(name).isEqualTo(Schema.Type.LONG);
            assertThat(type.getLogicalType()).as(name).isEqualTo(LogicalTypes.timestampMicros());
        }
    }

    @Test
    void storesKafkaCoordinatesAsRequiredIntAndLong() {
        assertThat(schema.getField(EventFields.KAFKA_PARTITION).schema().getType()).isEqualTo(Schema.Type.INT);
        assertThat(schema.getField(EventFields.KAFKA_OFFSET).schema().getType()).isEqualTo(Schema.Type.LONG);
    }

    @Test
    void makesTheRequiredEventFieldsNonNullable() {
        for (String name : EventFields.REQUIRED) {
            assertThat(schema.getField(name).schema().isNullable()).as(name).isFalse();
        }
        assertThat(schema.getField(EventFields.USER_ID).schema().getType()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void makesTheOptionalEventFieldsNullableWithANullDefault() {
        for (String name : List.of(EventFields.EVENT_ID, EventFields.PRODUCT_ID, EventFields.IP_ADDRESS,
                EventFields.REFERRER, EventFields.USER_AGENT, EventFields.DEVICE)) {
            Field field = schema.getField(name);
            assertThat(field.schema().getType()).as(name).isEqualTo(Schema.Type.UNION);
            assertThat(field.schema().getTypes().get(0).getType()).as(name).isEqualTo(Schema.Type.NULL);
            assertThat(field.hasDefaultValue()).as(name).isTrue();
            assertThat(field.defaultVal()).as(name).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        }
        assertThat(schema.getField(EventFields.PRODUCT_ID).schema().getTypes().get(1).getType()).isEqualTo(Schema.Type.LONG);
    }
}
