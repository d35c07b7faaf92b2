package io.clickstream.common.json;

import io.clickstream.common.event.EventFields;
import io.clickstream.common.event.EventType;
import io.clickstream.common.validation.RawEvent;
import io.clickstream.common.validation.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path of {@link EventJsonReader}: one pass over a record that is exactly what our producer writes, a
 * flat JSON object whose members are the event's fields with a string, an integer or {@code null} each, and plain
 * text (no escape, no DEL, no C1 control: see {@link StrictUtf8#isPlainText}) in its strings. Such a record needs
 * no tokenizer, no parser object and no text buffer: a string value is the bytes between two quotes, decoded once
 * into its {@code String}. The scanner is then the event's {@link SourceText}: it remembers where each string lies,
 * so that the Parquet writer takes a value's bytes from the record instead of encoding its {@code String} again.
 *
 * <p>It never decides that a record is bad. For anything else (an escape, an unknown or repeated field, a value of
 * another type, an integer that is not plain or does not fit a long, a BOM, a control character in a string,
 * anything after the object, any syntax it does not expect) it answers {@code null} and Jackson reads the record,
 * so that every verdict and every message on a record that is not plain stays Jackson's. What it does accept is
 * read exactly as Jackson reads it; {@code FlatEventScannerTest} checks that on generated records, mutated ones
 * and hand-picked ones.
 */
final class FlatEventScanner implements SourceText {
    private static final byte[][] NAMES = {
        bytes(EventFields.EVENT_ID), bytes(EventFields.USER_ID), bytes(EventFields.SESSION_ID),
        bytes(EventFields.EVENT_TYPE), bytes(EventFields.TIMESTAMP), bytes(EventFields.PAGE_URL),
        bytes(EventFields.PRODUCT_ID), bytes(EventFields.IP_ADDRESS), bytes(EventFields.REFERRER),
        bytes(EventFields.USER_AGENT), bytes(EventFields.DEVICE),
    };
    private static final int EVENT_ID = 0, USER_ID = 1, SESSION_ID = 2, EVENT_TYPE = 3, TIMESTAMP = 4, PAGE_URL = 5,
            PRODUCT_ID = 6, IP_ADDRESS = 7, REFERRER = 8, USER_AGENT = 9, DEVICE = 10;
    /**
     * Per field, values common enough to be taken as constants rather than decoded into a new {@code String} per
     * record: event types and devices come from short lists, and their strings are otherwise garbage at once.
     */
    private static final String[][] CONSTANTS = new String[NAMES.length][];
    private static final byte[][][] CONSTANT_BYTES = new byte[NAMES.length][][];

    static {
        CONSTANTS[EVENT_TYPE] = Arrays.stream(EventType.values()).map(EventType::wireName).toArray(String[]::new);
        CONSTANTS[DEVICE] = new String[] {"mobile", "desktop", "tablet"};
        for (int f = 0; f < NAMES.length; f++) {
            if (CONSTANTS[f] != null) {
                CONSTANT_BYTES[f] = Arrays.stream(CONSTANTS[f]).map(FlatEventScanner::bytes).toArray(byte[][]::new);
            }
        }
    }

    /** Longer integers do not fit a long: Jackson decides about them (and so about any that overflows). */
    private static final int MAX_DIGITS = 19;
    /** Jackson's own limit on a string ({@code EventJsonReader}'s read constraints): longer records go to Jackson. */
    private static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;

    private final byte[] json;
    /** The record is {@code json[at..end)} at the start. */
    private final int end;
    private int at;
    /** The fields read so far, one bit each (a bit per index of {@link #NAMES}). */
    private int seen;
    // Fields rather than arrays: one object per record and nothing else.
    private String eventId, userId, sessionId, eventType, timestampText, pageUrl;
    private String ipAddress, referrer, userAgent, device;
    /** Where each string above lies in {@link #json}, as {@link #span(String)} gives it. */
    private long eventIdSpan, userIdSpan, sessionIdSpan, eventTypeSpan, timestampTextSpan, pageUrlSpan;
    private long ipAddressSpan, referrerSpan, userAgentSpan, deviceSpan;
    private Long timestampMillis, productId;

    private FlatEventScanner(byte[] json, int from, int end) {
        this.json = json;
        this.at = from;
        this.end = end;
    }

    /**
     * The record's fields, or {@code null} when the record is not plain (see the class comment).
     *
     * @param json well-formed UTF-8 without a NUL ({@link StrictUtf8#firstInvalidByte})
     */
    static RawEvent scan(byte[] json) {
        return scan(json, 0, json.length);
    }

    /** {@link #scan(byte[])} of the record {@code json[offset..offset + length)}. */
    static RawEvent scan(byte[] json, int offset, int length) {
        return length > MAX_RECORD_BYTES ? null : new FlatEventScanner(json, offset, offset + length).object();
    }

    private RawEvent object() {
        skipWhitespace();
        if (!take('{')) {
            return null;
        }
        skipWhitespace();
        if (!take('}')) {
            do {
                skipWhitespace();
                if (!member()) {
                    return null;
                }
                skipWhitespace();
            } while (take(','));
            if (!take('}')) {
                return null;
            }
        }
        skipWhitespace();
        return at == end ? event() : null;
    }

    /** {@code "name": value} for a field not seen before, with a value of the field's type. */
    private boolean member() {
        int nameStart = at + 1;
        int nameEnd = stringEnd();
        if (nameEnd < 0) {
            return false;
        }
        int field = field(nameStart, nameEnd - nameStart);
        if (field < 0 || (seen & 1 << field) != 0) {
            return false;
        }
        seen |= 1 << field;
        skipWhitespace();
        if (!take(':')) {
            return false;
        }
        skipWhitespace();
        if (at >= end) {
            return false;
        }
        byte first = json[at];
        if (first == '"') {
            int start = at + 1;
            int close = stringEnd();
            if (close < 0 || field == PRODUCT_ID) {
                return false;
            }
            string(field, text(field, start, close), (long) start << 32 | close - start);
            return true;
        }
        if (first == 'n') {
            return literalNull();
        }
        if (field != TIMESTAMP && field != PRODUCT_ID) {
            return false;
        }
        return integer(field);
    }

    /**
     * Moves past a string that starts here; returns the index of its closing quote, or -1 for a string that is not
     * plain: one with an escape, a raw control character (not JSON: Jackson says so), a DEL or a C1 control (which
     * the validator looks for in the strings of a record that is not plain).
     */
    private int stringEnd() {
        if (!take('"')) {
            return -1;
        }
        int i = at;
        int n = end;
        // Eight bytes at a time while none of them ends the string or needs a closer look: nearly all of it.
        while (i + 8 <= n) {
            long word = StrictUtf8.word(json, i);
            if (StrictUtf8.hasByte(word, '"') || StrictUtf8.hasByte(word, '\\') || StrictUtf8.hasByte(word, 0x7F)
                    || StrictUtf8.hasByte(word, 0xC2) || StrictUtf8.hasByteBelow(word, 0x20)) {
                break;
            }
            i += 8;
        }
        for (; i < n; i++) {
            int b = json[i] & 0xFF;
            if (b == '"') {
                at = i + 1;
                return i;
            }
            if (b < 0x20 || b == '\\' || b == 0x7F || b == 0xC2 && i + 1 < n && (json[i + 1] & 0xFF) <= 0x9F) {
                return -1;
            }
        }
        return -1;
    }

    private boolean literalNull() {
        if (at + 4 > end || json[at + 1] != 'u' || json[at + 2] != 'l' || json[at + 3] != 'l') {
            return false;
        }
        at += 4;
        return atDelimiter();
    }

    /**
     * {@code -?(0|[1-9][0-9]*)} that fits a long (but {@code Long.MIN_VALUE}), followed by whitespace, a comma or
     * the closing brace.
     */
    private boolean integer(int field) {
        boolean negative = take('-');
        int start = at;
        long value = 0;
        while (at < end && json[at] >= '0' && json[at] <= '9' && at - start < MAX_DIGITS) {
            value = value * 10 + (json[at] - '0');
            at++;
        }
        int digits = at - start;
        // 19 digits may have overflowed: then the value is negative (the largest 19-digit sum is below 2^64)
        if (digits == 0 || value < 0 || digits > 1 && json[start] == '0' || !atDelimiter()) {
            return false;
        }
        if (field == TIMESTAMP) {
            timestampMillis = negative ? -value : value;
        } else {
            productId = negative ? -value : value;
        }
        return true;
    }

    private boolean atDelimiter() {
        if (at >= end) {
            return false; // the object is not closed
        }
        byte b = json[at];
        return b == ',' || b == '}' || isWhitespace(b);
    }

    private int field(int start, int length) {
        for (int f = 0; f < NAMES.length; f++) {
            byte[] name = NAMES[f];
            if (name.length == length && Arrays.equals(json, start, start + length, name, 0, length)) {
                return f;
            }
        }
        return -1;
    }

    /** The string {@code json[start..close)}: one of the field's {@link #CONSTANTS} when it is one, else decoded. */
    private String text(int field, int start, int close) {
        byte[][] constants = CONSTANT_BYTES[field];
        if (constants != null) {
            int length = close - start;
            for (int i = 0; i < constants.length; i++) {
                byte[] constant = constants[i];
                if (constant.length == length && Arrays.equals(json, start, close, constant, 0, length)) {
                    return CONSTANTS[field][i];
                }
            }
        }
        return new String(json, start, close - start, StandardCharsets.UTF_8);
    }

    private void string(int field, String value, long span) {
        switch (field) {
            case EVENT_ID -> { eventId = value; eventIdSpan = span; }
            case USER_ID -> { userId = value; userIdSpan = span; }
            case SESSION_ID -> { sessionId = value; sessionIdSpan = span; }
            case EVENT_TYPE -> { eventType = value; eventTypeSpan = span; }
            case TIMESTAMP -> { timestampText = value; timestampTextSpan = span; }
            case PAGE_URL -> { pageUrl = value; pageUrlSpan = span; }
            case IP_ADDRESS -> { ipAddress = value; ipAddressSpan = span; }
            case REFERRER -> { referrer = value; referrerSpan = span; }
            case USER_AGENT -> { userAgent = value; userAgentSpan = span; }
            case DEVICE -> { device = value; deviceSpan = span; }
            default -> throw new IllegalStateException("no string field " + field);
        }
    }

    @Override
    public byte[] bytes() {
        return json;
    }

    @Override
    public long span(String value) {
        if (value == null) {
            return -1;
        }
        // In the order of the columns the writer asks for.
        if (value == eventId) {
            return eventIdSpan;
        } else if (value == userId) {
            return userIdSpan;
        } else if (value == sessionId) {
            return sessionIdSpan;
        } else if (value == pageUrl) {
            return pageUrlSpan;
        } else if (value == ipAddress) {
            return ipAddressSpan;
        } else if (value == referrer) {
            return referrerSpan;
        } else if (value == userAgent) {
            return userAgentSpan;
        } else if (value == device) {
            return deviceSpan;
        } else if (value == eventType) {
            return eventTypeSpan;
        } else if (value == timestampText) {
            return timestampTextSpan;
        }
        return -1;
    }

    private RawEvent event() {
        return new RawEvent(eventId, userId, sessionId, eventType, timestampText, timestampMillis, pageUrl, productId,
                ipAddress, referrer, userAgent, device, List.of(), true, this);
    }

    private boolean take(char c) {
        if (at < end && json[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (at < end && isWhitespace(json[at])) {
            at++;
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
