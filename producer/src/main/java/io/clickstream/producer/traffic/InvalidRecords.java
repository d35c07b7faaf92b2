package io.clickstream.producer.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.json.EventJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a good event into the bytes of a broken record of a given kind, the way real producers get
 * it wrong: cut-off or hand-written JSON, a required field dropped or blank, a number where a string
 * belongs, a timestamp in a local format or in epoch seconds, an event type nobody documented.
 */
final class InvalidRecords {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> UNKNOWN_TYPES =
            List.of("hover", "scroll", "add-to-cart", "pageview", "checkout_started", "wishlist_add", "page view");
    private static final Object ABSENT = new Object();

    private InvalidRecords() {
    }

    static byte[] create(InvalidKind kind, ClickEvent event, SplittableRandom random) {
        return switch (kind) {
            case MALFORMED_JSON -> malformed(event, random);
            case MISSING_FIELD -> missingField(event, random);
            case WRONG_TYPE -> wrongType(event, random);
            case UNPARSEABLE_TIMESTAMP -> badTimestamp(event, random);
            case UNKNOWN_EVENT_TYPE -> write(fields(event), EventFields.EVENT_TYPE,
                    UNKNOWN_TYPES.get(random.nextInt(UNKNOWN_TYPES.size())));
        };
    }

    private static byte[] malformed(ClickEvent event, SplittableRandom random) {
        String json = new String(EventJsonWriter.write(event), StandardCharsets.UTF_8);
        String broken = switch (random.nextInt(4)) {
            case 0 -> json.substring(0, 1 + random.nextInt(json.length() - 2)); // cut off mid-record
            case 1 -> json.substring(0, json.length() - 1) + ",}"; // trailing comma
            case 2 -> json.replaceFirst("\"([a-z_]+)\":", "'$1':"); // single-quoted name
            default -> json + json; // two objects in one record
        };
        return broken.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] missingField(ClickEvent event, SplittableRandom random) {
        String field = EventFields.REQUIRED.get(random.nextInt(EventFields.REQUIRED.size()));
        Object value = switch (random.nextInt(3)) {
            case 0 -> ABSENT;
            case 1 -> null;
            default -> random.nextBoolean() ? "" : "   ";
        };
        return write(fields(event), field, value);
    }

    private static byte[] wrongType(ClickEvent event, SplittableRandom random) {
        Map<String, Object> fields = fields(event);
        return switch (random.nextInt(6)) {
            case 0 -> write(fields, EventFields.USER_ID, (long) (random.nextInt(1_000_000) + 1));
            case 1 -> write(fields, EventFields.SESSION_ID, Map.of("id", event.sessionId()));
            case 2 -> write(fields, EventFields.EVENT_TYPE, Boolean.TRUE);
            case 3 -> write(fields, EventFields.PAGE_URL, List.of(event.pageUrl()));
            case 4 -> write(fields, EventFields.PRODUCT_ID, String.valueOf(event.productId() == null ? 101 : event.productId()));
            default -> write(fields, EventFields.TIMESTAMP, event.timestamp().toEpochMilli() / 1000.0);
        };
    }

    private static byte[] badTimestamp(ClickEvent event, SplittableRandom random) {
        String iso = event.timestamp().toString();
        String text = switch (random.nextInt(5)) {
            case 0 -> iso.replace('T', ' ').replace("Z", ""); // SQL style
            case 1 -> String.valueOf(event.timestamp().getEpochSecond()); // seconds, not millis
            case 2 -> "yesterday";
            case 3 -> iso.substring(8, 10) + "/" + iso.substring(5, 7) + "/" + iso.substring(0, 4) + " " + iso.substring(11, 19);
            default -> iso.substring(0, 5) + "13" + iso.substring(7); // month 13
        };
        return write(fields(event), EventFields.TIMESTAMP, text);
    }

    /** The event's fields in the writer's order, values as JSON would carry them. */
    private static Map<String, Object> fields(ClickEvent event) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put(EventFields.EVENT_ID, event.eventId());
        fields.put(EventFields.USER_ID, event.userId());
        fields.put(EventFields.SESSION_ID, event.sessionId());
        fields.put(EventFields.EVENT_TYPE, event.eventType().wireName());
        fields.put(EventFields.TIMESTAMP, event.timestamp().toString());
        fields.put(EventFields.PAGE_URL, event.pageUrl());
        fields.put(EventFields.PRODUCT_ID, event.productId());
        fields.put(EventFields.IP_ADDRESS, event.ipAddress());
        fields.put(EventFields.REFERRER, event.referrer());
        fields.put(EventFields.USER_AGENT, event.userAgent());
        fields.put(EventFields.DEVICE, event.device());
        fields.values().removeIf(v -> v == null);
        return fields;
    }

    /** Writes {@code fields} with {@code field} replaced by {@code value} ({@link #ABSENT} drops it, {@code null} writes JSON null). */
    private static byte[] write(Map<String, Object> fields, String field, Object value) {
        if (value == ABSENT) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        var out = new ByteArrayOutputStream(400);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (var entry : fields.entrySet()) {
                json.writeFieldName(entry.getKey());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing JSON to memory", e);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (var entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException("unsupported JSON value " + value.getClass());
        }
    }
}
