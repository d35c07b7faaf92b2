package io.clickstream.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an event as compact UTF-8 JSON, fields in a fixed order and absent optional fields left
 * out, so the same event always gives the same bytes.
 */
public final class EventJsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJsonWriter() {
    }

    public static byte[] write(ClickEvent event) {
        var out = new ByteArrayOutputStream(384);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            optional(json, EventFields.EVENT_ID, event.eventId());
            json.writeStringField(EventFields.USER_ID, event.userId());
            json.writeStringField(EventFields.SESSION_ID, event.sessionId());
            json.writeStringField(EventFields.EVENT_TYPE, event.eventType().wireName());
            json.writeStringField(EventFields.TIMESTAMP, event.timestamp().toString());
            json.writeStringField(EventFields.PAGE_URL, event.pageUrl());
            if (event.productId() != null) {
                json.writeNumberField(EventFields.PRODUCT_ID, event.productId());
            }
            optional(json, EventFields.IP_ADDRESS, event.ipAddress());
            optional(json, EventFields.REFERRER, event.referrer());
            optional(json, EventFields.USER_AGENT, event.userAgent());
            optional(json, EventFields.DEVICE, event.device());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing JSON to memory", e);
        }
        return out.toByteArray();
    }

    private static void optional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
