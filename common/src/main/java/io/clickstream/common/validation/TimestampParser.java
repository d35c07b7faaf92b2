package io.clickstream.common.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Event timestamps as producers send them: ISO-8601 with an offset or {@code Z}, ISO-8601 without
 * an offset (read as UTC), or epoch milliseconds (a JSON integer or a string of digits). Anything
 * else is invalid.
 *
 * <p>Values outside [{@link #EARLIEST}, {@link #LATEST}) are rejected: epoch <em>seconds</em> sent
 * by mistake would otherwise land silently in January 1970, and a year-30000 typo would create a
 * partition nobody queries.
 */
public final class TimestampParser {
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /** Parsed, or why not. */
    public sealed interface Result {
        record Parsed(Instant instant) implements Result {
        }

        record Rejected(String detail) implements Result {
        }
    }

    private TimestampParser() {
    }

    public static Result parseMillis(long epochMillis) {
        return inRange(Instant.ofEpochMilli(epochMillis), "epoch millis " + epochMillis);
    }

    public static Result parseText(String raw) {
        String text = raw.trim();
        if (text.isEmpty()) {
            return new Result.Rejected("blank timestamp");
        }
        if (isDigits(text)) {
            if (text.length() > 15) {
                return new Result.Rejected("'" + abbreviate(text) + "' is too large for epoch millis");
            }
            return parseMillis(Long.parseLong(text));
        }
        try {
            return inRange(parseIso(text), "'" + text + "'");
        } catch (DateTimeException e) {
            return new Result.Rejected("'" + abbreviate(text)
                    + "' is neither ISO-8601 (2026-01-19T10:15:30Z, with or without offset) nor epoch millis");
        }
    }

    private static Instant parseIso(String text) {
        Instant common = IsoTimestampFastPath.parse(text);
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        }
    }

    private static Result inRange(Instant instant, String what) {
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            return new Result.Rejected(what + " is " + instant + ", outside [" + EARLIEST + ", " + LATEST + ")"
                    + (instant.isBefore(EARLIEST) && instant.getEpochSecond() >= 0 ? "; epoch seconds instead of millis?" : ""));
        }
        return new Result.Parsed(instant);
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
