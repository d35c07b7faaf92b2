package io.clickstream.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.RawEvent;
import io.clickstream.common.validation.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one JSON object into a {@link RawEvent}: a record as our producer writes it (flat, no escape, known fields
 * only) in one pass of {@link FlatEventScanner}, anything else with Jackson's streaming parser: no tree, no
 * reflection, unknown fields skipped. Wrong JSON types are recorded per field, so the validator can
 * report them together with every other violation.
 */
public final class EventJsonReader {

    /** Why the bytes are not a JSON object at all. */
    public static final class UnreadableRecord extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Violation violation;

        UnreadableRecord(Reason reason, String detail) {
            super(detail, null, false, false);
            this.violation = new Violation(Violation.WHOLE_RECORD, reason, detail);
        }

        public Violation violation() {
            return violation;
        }
    }

    // Duplicate keys are rejected here (see readObject and skipValue), not by Jackson's STRICT_DUPLICATE_DETECTION:
    // its per-name hash set was a twentieth of the consumer's time; a bit mask does for the known fields.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(4 * 1024 * 1024)
                    .maxNumberLength(64)
                    .build())
            .build();

    /** The event's fields, one bit each: which were seen, and which to read. */
    private static final int EVENT_ID = 1, USER_ID = 1 << 1, SESSION_ID = 1 << 2, EVENT_TYPE = 1 << 3, TIMESTAMP = 1 << 4,
            PAGE_URL = 1 << 5, PRODUCT_ID = 1 << 6, IP_ADDRESS = 1 << 7, REFERRER = 1 << 8, USER_AGENT = 1 << 9,
            DEVICE = 1 << 10;

    private EventJsonReader() {
    }

    public static RawEvent read(byte[] json) throws UnreadableRecord {
        return json == null ? read(null, 0, 0) : read(json, 0, json.length);
    }

    /** {@link #read(byte[])} of the record {@code json[offset..offset + length)} (a Kafka record's own array). */
    public static RawEvent read(byte[] json, int offset, int length) throws UnreadableRecord {
        if (json == null || length == 0) {
            throw new UnreadableRecord(Reason.EMPTY_RECORD, "record value is empty or null");
        }
        int end = offset + length;
        int invalid = StrictUtf8.firstInvalidByte(json, offset, end);
        if (invalid >= 0) {
            throw new UnreadableRecord(Reason.MALFORMED_JSON, String.format(Locale.ROOT,
                    "not UTF-8 JSON text: byte 0x%02X at byte %d", json[invalid] & 0xFF, invalid - offset));
        }
        RawEvent plain = FlatEventScanner.scan(json, offset, length);
        return plain != null ? plain : readWithJackson(json, offset, length, StrictUtf8.isPlainText(json, offset, end));
    }

    /** The whole reading with Jackson, for a record checked to be UTF-8; the tests compare it with the fast path. */
    static RawEvent readWithJackson(byte[] json, boolean plainText) throws UnreadableRecord {
        return readWithJackson(json, 0, json.length, plainText);
    }

    private static RawEvent readWithJackson(byte[] json, int offset, int length, boolean plainText)
            throws UnreadableRecord {
        try (JsonParser parser = FACTORY.createParser(json, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new UnreadableRecord(Reason.EMPTY_RECORD, "record value holds only whitespace");
            }
            if (first != JsonToken.START_OBJECT) {
                skipValue(parser);
                throw new UnreadableRecord(Reason.NOT_AN_OBJECT, "expected a JSON object, found " + describe(first));
            }
            RawEvent raw = readObject(parser, plainText);
            if (parser.nextToken() != null) {
                throw new UnreadableRecord(Reason.MALFORMED_JSON, "unexpected content after the JSON object");
            }
            return raw;
        } catch (JsonProcessingException e) {
            throw new UnreadableRecord(Reason.MALFORMED_JSON, shortMessage(e));
        } catch (IOException e) {
            throw new UnreadableRecord(Reason.MALFORMED_JSON, e.getMessage());
        }
    }

    private static RawEvent readObject(JsonParser parser, boolean plainText) throws IOException, UnreadableRecord {
        String eventId = null, userId = null, sessionId = null, eventType = null, timestampText = null;
        String pageUrl = null, ipAddress = null, referrer = null, userAgent = null, device = null;
        Long timestampMillis = null, productId = null;
        List<Violation> typeViolations = new ArrayList<>(0);
        int knownSeen = 0;
        Set<String> unknownSeen = null;

        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int known = knownFieldBit(name);
            boolean repeated;
            if (known != 0) {
                repeated = (knownSeen & known) != 0;
                knownSeen |= known;
            } else {
                if (unknownSeen == null) {
                    unknownSeen = new HashSet<>();
                }
                repeated = !unknownSeen.add(name);
            }
            if (repeated) {
                throw duplicate(parser, name);
            }
            JsonToken value = parser.nextToken();
            switch (known) {
                case EVENT_ID -> eventId = string(parser, name, value, typeViolations);
                case USER_ID -> userId = string(parser, name, value, typeViolations);
                case SESSION_ID -> sessionId = string(parser, name, value, typeViolations);
                case EVENT_TYPE -> eventType = string(parser, name, value, typeViolations);
                case PAGE_URL -> pageUrl = string(parser, name, value, typeViolations);
                case IP_ADDRESS -> ipAddress = string(parser, name, value, typeViolations);
                case REFERRER -> referrer = string(parser, name, value, typeViolations);
                case USER_AGENT -> userAgent = string(parser, name, value, typeViolations);
                case DEVICE -> device = string(parser, name, value, typeViolations);
                case TIMESTAMP -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        timestampMillis = integer(parser, name, typeViolations);
                    } else {
                        timestampText = string(parser, name, value, typeViolations);
                    }
                }
                case PRODUCT_ID -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        productId = integer(parser, name, typeViolations);
                    } else if (value != JsonToken.VALUE_NULL) {
                        wrongType(parser, name, value, "an integer", typeViolations);
                    }
                }
                default -> skipValue(parser); // unknown fields are kept out, never fatal
            }
        }
        return new RawEvent(eventId, userId, sessionId, eventType, timestampText, timestampMillis, pageUrl,
                productId, ipAddress, referrer, userAgent, device, typeViolations, plainText);
    }

    private static String string(JsonParser parser, String name, JsonToken value, List<Violation> violations)
            throws IOException, UnreadableRecord {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (value != JsonToken.VALUE_NULL) {
            wrongType(parser, name, value, "a string", violations);
        }
        return null;
    }

    private static Long integer(JsonParser parser, String name, List<Violation> violations) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            violations.add(new Violation(name, Reason.WRONG_TYPE, "integer " + parser.getText() + " does not fit 64 bits"));
            return null;
        }
        return parser.getLongValue();
    }

    private static void wrongType(JsonParser parser, String name, JsonToken value, String expected,
            List<Violation> violations) throws IOException, UnreadableRecord {
        violations.add(new Violation(name, Reason.WRONG_TYPE, "expected " + expected + ", found " + describe(value)));
        skipValue(parser);
    }

    /** The field's bit, 0 for any name that is not a field of the event. */
    private static int knownFieldBit(String name) {
        return switch (name) {
            case EventFields.EVENT_ID -> EVENT_ID;
            case EventFields.USER_ID -> USER_ID;
            case EventFields.SESSION_ID -> SESSION_ID;
            case EventFields.EVENT_TYPE -> EVENT_TYPE;
            case EventFields.TIMESTAMP -> TIMESTAMP;
            case EventFields.PAGE_URL -> PAGE_URL;
            case EventFields.PRODUCT_ID -> PRODUCT_ID;
            case EventFields.IP_ADDRESS -> IP_ADDRESS;
            case EventFields.REFERRER -> REFERRER;
            case EventFields.USER_AGENT -> USER_AGENT;
            case EventFields.DEVICE -> DEVICE;
            default -> 0;
        };
    }

    /**
     * Skips the value just read, all of it if it is an object or an array, still rejecting duplicate
     * keys inside: a record with an ambiguous key is malformed wherever the key is.
     */
    private static void skipValue(JsonParser parser) throws IOException, UnreadableRecord {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Set<String> names = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!names.add(name)) {
                    throw duplicate(parser, name);
                }
                parser.nextToken();
                skipValue(parser);
            }
        } else if (token == JsonToken.START_ARRAY) {
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                if (next == null) {
                    throw new UnreadableRecord(Reason.MALFORMED_JSON, "unexpected end of input inside an array");
                }
                skipValue(parser);
            }
        }
    }

    private static UnreadableRecord duplicate(JsonParser parser, String name) {
        String shown = name.length() > 64 ? name.substring(0, 61) + "..." : name;
        return new UnreadableRecord(Reason.MALFORMED_JSON, "duplicate field '" + shown.replaceAll("[\\p{Cntrl}]", "?")
                + "' at byte " + parser.currentLocation().getByteOffset());
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /** Jackson's message without the source excerpt, which could echo a megabyte of input into a log line. */
    private static String shortMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "malformed JSON";
        }
        message = message.replaceAll("[\\p{Cntrl}]", "?");
        String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
        return (message.length() > 200 ? message.substring(0, 200) + "..." : message) + where;
    }
}
