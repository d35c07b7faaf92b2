package io.clickstream.common.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A record value as a producer might send it, built field by field from raw JSON literals, so a
 * test can put any JSON type (or none) into any field. Immutable: every change returns a copy.
 */
public final class RecordJson {
    public static final String EVENT_ID = "0d6c9a4e-6f0b-4bd1-9b7e-3f6a2f1c2a10";
    public static final String USER_ID = "5b1f7c1e-2f43-4c39-9d2e-8f0a1b2c3d4e";
    public static final String SESSION_ID = "a3e2d1c0-b9a8-4f7e-8d6c-5b4a39281706";
    public static final String TIMESTAMP = "2026-01-19T10:15:30Z";
    public static final String PAGE_URL = "https://shop.example.com/p/101";
    public static final String REFERRER = "https://www.google.com/search?q=Running+Shoes";
    public static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36";

    /** Field name to raw JSON text; insertion order is the order on the wire. */
    private final Map<String, String> fields;

    private RecordJson(Map<String, String> fields) {
        this.fields = fields;
    }

    /** A record carrying every field, valid and already in normalized form. */
    public static RecordJson valid() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("event_id", quote(EVENT_ID));
        fields.put("user_id", quote(USER_ID));
        fields.put("session_id", quote(SESSION_ID));
        fields.put("event_type", quote("view_product"));
        fields.put("timestamp", quote(TIMESTAMP));
        fields.put("page_url", quote(PAGE_URL));
        fields.put("product_id", "101");
        fields.put("ip_address", quote("192.168.1.1"));
        fields.put("referrer", quote(REFERRER));
        fields.put("user_agent", quote(USER_AGENT));
        fields.put("device", quote("mobile"));
        return new RecordJson(fields);
    }

    /** Only the five required fields. */
    public static RecordJson minimal() {
        return valid().without("event_id").without("product_id").without("ip_address").without("referrer")
                .without("user_agent").without("device");
    }

    /** Sets a field to a raw JSON literal: {@code 5}, {@code true}, {@code null}, {@code {}}... */
    public RecordJson withRaw(String field, String rawJson) {
        var copy = new LinkedHashMap<>(fields);
        copy.put(field, rawJson);
        return new RecordJson(copy);
    }

    /** Sets a field to a JSON string, escaped as needed. */
    public RecordJson with(String field, String value) {
        return withRaw(field, quote(value));
    }

    public RecordJson without(String field) {
        var copy = new LinkedHashMap<>(fields);
        copy.remove(field);
        return new RecordJson(copy);
    }

    public String json() {
        return fields.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    public byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }

    public static String quote(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    @Override
    public String toString() {
        return json();
    }
}
