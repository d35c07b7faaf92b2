package io.clickstream.common.validation;

import static io.clickstream.common.event.EventFields.DEVICE;
import static io.clickstream.common.event.EventFields.EVENT_ID;
import static io.clickstream.common.event.EventFields.EVENT_TYPE;
import static io.clickstream.common.event.EventFields.IP_ADDRESS;
import static io.clickstream.common.event.EventFields.PAGE_URL;
import static io.clickstream.common.event.EventFields.PRODUCT_ID;
import static io.clickstream.common.event.EventFields.REFERRER;
import static io.clickstream.common.event.EventFields.SESSION_ID;
import static io.clickstream.common.event.EventFields.TIMESTAMP;
import static io.clickstream.common.event.EventFields.USER_AGENT;
import static io.clickstream.common.event.EventFields.USER_ID;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies every rule to a {@link RawEvent} and either builds the normalized {@link ClickEvent} or
 * lists <em>every</em> violation. Pure: no I/O, no clock.
 */
public final class EventValidator {
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_URL_LENGTH = 4096;
    public static final int MAX_USER_AGENT_LENGTH = 1024;
    public static final int MAX_DEVICE_LENGTH = 32;

    private EventValidator() {
    }

    public static DecodeResult validate(RawEvent raw) {
        // the usual record has no type violations: then the list allocates nothing until a violation is added
        List<Violation> violations = raw.typeViolations().isEmpty() ? new ArrayList<>() : new ArrayList<>(raw.typeViolations());
        var typed = typedFields(raw, violations);
        boolean plain = raw.plainText();

        String eventId = text(EVENT_ID, raw.eventId(), false, MAX_ID_LENGTH, plain, violations);
        String userId = text(USER_ID, raw.userId(), !typed.contains(USER_ID), MAX_ID_LENGTH, plain, violations);
        String sessionId = text(SESSION_ID, raw.sessionId(), !typed.contains(SESSION_ID), MAX_ID_LENGTH, plain, violations);
        EventType eventType = eventType(raw.eventType(), !typed.contains(EVENT_TYPE), plain, violations);
        Instant timestamp = timestamp(raw, !typed.contains(TIMESTAMP), plain, violations);
        String pageUrl = url(PAGE_URL, raw.pageUrl(), !typed.contains(PAGE_URL), plain, violations);
        Long productId = productId(raw.productId(), violations);
        String ip = ip(raw.ipAddress(), plain, violations);
        String referrer = url(REFERRER, raw.referrer(), false, plain, violations);
        String userAgent = text(USER_AGENT, raw.userAgent(), false, MAX_USER_AGENT_LENGTH, plain, violations);
        String device = lower(text(DEVICE, raw.device(), false, MAX_DEVICE_LENGTH, plain, violations));

        if (!violations.isEmpty()) {
            return new DecodeResult.Invalid(violations);
        }
        return new DecodeResult.Valid(new ClickEvent(eventId, userId, sessionId, eventType, timestamp, pageUrl,
                productId, ip, referrer, userAgent, device), raw.source());
    }

    /** Fields already reported for a wrong JSON type: do not also call them missing. */
    private static List<String> typedFields(RawEvent raw, List<Violation> violations) {
        if (raw.typeViolations().isEmpty()) {
            return List.of(); // the usual case: no stream per record
        }
        return raw.typeViolations().stream().map(Violation::field).toList();
    }

    /** Trims; blank counts as absent; rejects over-long values and control characters. */
    static String text(String field, String value, boolean required, int maxLength, boolean plain,
            List<Violation> violations) {
        String trimmed = TextChecks.trimToNull(value);
        if (trimmed == null) {
            if (required) {
                violations.add(new Violation(field, Reason.MISSING_FIELD,
                        value == null ? "required field is absent or null" : "required field is blank"));
            }
            return null;
        }
        if (trimmed.length() > maxLength) {
            violations.add(new Violation(field, Reason.TOO_LONG,
                    trimmed.length() + " characters, at most " + maxLength + " allowed"));
            return null;
        }
        if (plain) {
            return trimmed; // no escape, DEL or C1 byte in the record: no control character, no lone surrogate
        }
        int control = TextChecks.firstControlCharacter(trimmed);
        if (control >= 0) {
            violations.add(new Violation(field, Reason.CONTROL_CHARACTER,
                    String.format(Locale.ROOT, "control character U+%04X at index %d", (int) trimmed.charAt(control), control)));
            return null;
        }
        // Strict UTF-8 keeps raw surrogates out, but a JSON escape (\uD800) still yields one; it is not
        // text, and writing it as UTF-8 to Parquet would silently turn it into '?'.
        int surrogate = TextChecks.firstUnpairedSurrogate(trimmed);
        if (surrogate >= 0) {
            violations.add(new Violation(field, Reason.MALFORMED_JSON,
                    String.format(Locale.ROOT, "unpaired surrogate \\u%04X at index %d", (int) trimmed.charAt(surrogate), surrogate)));
            return null;
        }
        return trimmed;
    }

    private static EventType eventType(String value, boolean required, boolean plain, List<Violation> violations) {
        // ASCII lower-casing only: Unicode lower-casing maps lookalikes onto the documented names
        // (KELVIN SIGN U+212A becomes 'k', so "clic\u212A" would pass as click), and a type counts
        // only when it is spelled as documented.
        String name = asciiLower(text(EVENT_TYPE, value, required, MAX_ID_LENGTH, plain, violations));
        if (name == null) {
            return null;
        }
        Optional<EventType> type = EventType.fromWireName(name);
        if (type.isEmpty()) {
            violations.add(new Violation(EVENT_TYPE, Reason.UNKNOWN_EVENT_TYPE,
                    "'" + TimestampParser.abbreviate(name) + "' is not one of " + knownTypes()));
        }
        return type.orElse(null);
    }

    private static Instant timestamp(RawEvent raw, boolean required, boolean plain, List<Violation> violations) {
        TimestampParser.Result result;
        if (raw.timestampMillis() != null) {
            result = TimestampParser.parseMillis(raw.timestampMillis());
        } else {
            // The text rules of every other field: trimmed, blank is missing, and no control character
            // is trimmed away unseen or echoed into the detail. Long text is abbreviated by the parser.
            String text = text(TIMESTAMP, raw.timestampText(), required, Integer.MAX_VALUE, plain, violations);
            if (text == null) {
                return null;
            }
            result = TimestampParser.parseText(text);
        }
        if (result instanceof TimestampParser.Result.Rejected rejected) {
            violations.add(new Violation(TIMESTAMP, Reason.INVALID_TIMESTAMP, rejected.detail()));
            return null;
        }
        return ((TimestampParser.Result.Parsed) result).instant();
    }

    private static String url(String field, String value, boolean required, boolean plain, List<Violation> violations) {
        String text = text(field, value, required, MAX_URL_LENGTH, plain, violations);
        if (text == null) {
            return null;
        }
        Optional<String> normalized = UrlNormalizer.normalize(text);
        if (normalized.isEmpty()) {
            violations.add(new Violation(field, Reason.INVALID_URL,
                    "'" + TimestampParser.abbreviate(text) + "' is not an absolute http(s) URL with a host"));
        }
        return normalized.orElse(null);
    }

    private static Long productId(Long value, List<Violation> violations) {
        if (value != null && value < 0) {
            violations.add(new Violation(PRODUCT_ID, Reason.INVALID_PRODUCT_ID, value + " is negative"));
            return null;
        }
        return value;
    }

    private static String ip(String value, boolean plain, List<Violation> violations) {
        String text = text(IP_ADDRESS, value, false, 64, plain, violations);
        if (text == null) {
            return null;
        }
        Optional<String> normalized = IpAddresses.normalize(text);
        if (normalized.isEmpty()) {
            violations.add(new Violation(IP_ADDRESS, Reason.INVALID_IP,
                    "'" + TimestampParser.abbreviate(text) + "' is not an IPv4 or IPv6 address"));
        }
        return normalized.orElse(null);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String asciiLower(String value) {
        if (value == null) {
            return null;
        }
        int upper = 0;
        while (upper < value.length() && !(value.charAt(upper) >= 'A' && value.charAt(upper) <= 'Z')) {
            upper++;
        }
        if (upper == value.length()) {
            return value; // the usual case: already lower case, no copy
        }
        var out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    private static String knownTypes() {
        var names = new ArrayList<String>();
        for (EventType type : EventType.values()) {
            names.add(type.wireName());
        }
        return String.join(", ", names);
    }
}
