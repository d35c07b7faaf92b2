package io.clickstream.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes an event as compact UTF-8 JSON, fields in a fixed order and absent optional fields left
 * out, so the same event always gives the same bytes.
 *
 * <p>The bytes are Jackson's ({@code JsonFactory} defaults). An instance keeps its buffer between events
 * and writes the common case itself: when every string of the event is printable ASCII other than
 * {@code "} and {@code \} (nothing to escape, one byte per char), Jackson's output is each string between
 * quotes, which is what the fast path writes. Any other event (non-ASCII, control characters, quotes,
 * backslashes) is written by Jackson itself, so escaping and UTF-8 encoding stay Jackson's exactly.
 * An instance is not thread-safe; {@link #write(ClickEvent)} is.
 */
public final class EventJsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private static final byte[] EVENT_ID = name(EventFields.EVENT_ID);
    private static final byte[] USER_ID = name(EventFields.USER_ID);
    private static final byte[] SESSION_ID = name(EventFields.SESSION_ID);
    private static final byte[] EVENT_TYPE = name(EventFields.EVENT_TYPE);
    private static final byte[] TIMESTAMP = name(EventFields.TIMESTAMP);
    private static final byte[] PAGE_URL = name(EventFields.PAGE_URL);
    private static final byte[] PRODUCT_ID = name(EventFields.PRODUCT_ID);
    private static final byte[] IP_ADDRESS = name(EventFields.IP_ADDRESS);
    private static final byte[] REFERRER = name(EventFields.REFERRER);
    private static final byte[] USER_AGENT = name(EventFields.USER_AGENT);
    private static final byte[] DEVICE = name(EventFields.DEVICE);

    /** Power of two; strings by identity, so a hit is the very same (immutable) string, written before. */
    private static final int CACHE_SLOTS = 1024;

    private final String[] cachedStrings = new String[CACHE_SLOTS];
    private final byte[][] cachedJson = new byte[CACHE_SLOTS][];
    private byte[] buffer = new byte[512];
    private int length;
    /** {@code yyyy-MM-ddTHH:mm:ss} of {@link #cachedSecond}: consecutive events mostly share their second. */
    private final byte[] secondText = new byte[19];
    private long cachedSecond = Long.MIN_VALUE;

    /** A writer to reuse for many events, from one thread. */
    public EventJsonWriter() {
    }

    /** The JSON of one event. Thread-safe; a reused instance ({@link #toJson}) is cheaper for many events. */
    public static byte[] write(ClickEvent event) {
        return new EventJsonWriter().toJson(event);
    }

    /** The JSON of one event, in a new array of its own. */
    public byte[] toJson(ClickEvent event) {
        length = 0;
        if (!writeAscii(event)) {
            return writeWithJackson(event);
        }
        return Arrays.copyOf(buffer, length);
    }

    /** @return {@code false} when a string needs more than the fast path does (the buffer is garbage then) */
    private boolean writeAscii(ClickEvent event) {
        put((byte) '{');
        boolean ok = true;
        if (event.eventId() != null) {
            ok = field(EVENT_ID, event.eventId());
            put((byte) ',');
        }
        ok = ok && repeated(USER_ID, event.userId());
        put((byte) ',');
        ok = ok && repeated(SESSION_ID, event.sessionId());
        put((byte) ',');
        ok = ok && repeated(EVENT_TYPE, event.eventType().wireName());
        put((byte) ',');
        ok = ok && timestamp(event.timestamp());
        put((byte) ',');
        ok = ok && repeated(PAGE_URL, event.pageUrl());
        if (event.productId() != null) {
            put((byte) ',');
            put(PRODUCT_ID);
            number(event.productId());
        }
        ok = ok && optional(IP_ADDRESS, event.ipAddress());
        ok = ok && optional(REFERRER, event.referrer());
        ok = ok && optional(USER_AGENT, event.userAgent());
        ok = ok && optional(DEVICE, event.device());
        put((byte) '}');
        return ok;
    }

    /** An optional field whose values repeat from event to event (a user's, a session's, the site's). */
    private boolean optional(byte[] name, String value) {
        if (value == null) {
            return true;
        }
        put((byte) ',');
        return repeated(name, value);
    }

    /**
     * A field whose value is often the very string object of an earlier event (a user's agent, a session's
     * id): copied from a small cache keyed by identity instead of checked char by char again.
     */
    private boolean repeated(byte[] name, String value) {
        put(name);
        int slot = System.identityHashCode(value) & (CACHE_SLOTS - 1);
        if (cachedStrings[slot] == value) {
            put(cachedJson[slot]);
            return true;
        }
        int start = length;
        if (!string(value)) {
            return false;
        }
        cachedStrings[slot] = value;
        cachedJson[slot] = Arrays.copyOfRange(buffer, start, length);
        return true;
    }

    private boolean field(byte[] name, String value) {
        put(name);
        return string(value);
    }

    /** A string between quotes if it has nothing Jackson would escape or encode in more than one byte. */
    private boolean string(String value) {
        int n = value.length();
        ensure(n + 2);
        byte[] out = buffer;
        int at = length;
        out[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
            out[at++] = (byte) c;
        }
        out[at++] = '"';
        length = at;
        return true;
    }

    /** As {@link Instant#toString()}: {@code yyyy-MM-ddTHH:mm:ss}, then .SSS, .SSSSSS or .SSSSSSSSS if not zero, then Z. */
    private boolean timestamp(Instant timestamp) {
        long second = timestamp.getEpochSecond();
        if (second != cachedSecond) {
            String text = Instant.ofEpochSecond(second).toString();
            if (text.length() != secondText.length + 1) { // a year outside 0000-9999: signed, longer
                cachedSecond = Long.MIN_VALUE;
                return field(TIMESTAMP, timestamp.toString());
            }
            for (int i = 0; i < secondText.length; i++) {
                secondText[i] = (byte) text.charAt(i); // ASCII digits and separators
            }
            cachedSecond = second;
        }
        put(TIMESTAMP);
        ensure(secondText.length + 12);
        buffer[length++] = '"';
        System.arraycopy(secondText, 0, buffer, length, secondText.length);
        length += secondText.length;
        int nano = timestamp.getNano();
        if (nano != 0) {
            buffer[length++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(nano / 1_000, 6);
            } else {
                digits(nano, 9);
            }
        }
        buffer[length++] = 'Z';
        buffer[length++] = '"';
        return true;
    }

    /** {@code value} (non-negative) in exactly {@code count} digits, zero-padded. */
    private void digits(int value, int count) {
        for (int i = length + count - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    /** As Jackson writes a long: its decimal digits, with a minus sign if negative. */
    private void number(long value) {
        if (value < 0 || value >= 1_000_000_000_000_000_000L) {
            put(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int count = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            count++;
        }
        ensure(count);
        for (int i = length + count - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    /** {@code "name":} */
    private static byte[] name(String field) {
        return ("\"" + field + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** The general path: Jackson escapes and encodes whatever the strings hold. */
    static byte[] writeWithJackson(ClickEvent event) {
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
