package io.clickstream.consumer.hours;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Hours from {@code from} to {@code to}, both included (hour starts, UTC): what {@code --finalize-hours} is given. */
public record HourRange(Instant from, Instant to) {
    /** About ten years of hours: a range beyond is a typo. */
    static final long MAX_HOURS = 24L * 366 * 10;

    /**
     * Parses {@code FROM..TO}, each an hour {@code 2026-12-04T05} (UTC) or an ISO instant (truncated to its hour),
     * or a single hour.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static HourRange parse(String text) {
        String trimmed = text.trim();
        int dots = trimmed.indexOf("..");
        Instant from = hour(dots < 0 ? trimmed : trimmed.substring(0, dots));
        Instant to = dots < 0 ? from : hour(trimmed.substring(dots + 2));
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("ends (" + to + ") before it starts (" + from + ")");
        }
        if (Duration.between(from, to).toHours() + 1 > MAX_HOURS) {
            throw new IllegalArgumentException("spans more than " + MAX_HOURS + " hours");
        }
        return new HourRange(from, to);
    }

    private static Instant hour(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}")) {
                return Instant.parse(t + ":00:00Z");
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
                return Instant.parse(t + ":00Z").truncatedTo(ChronoUnit.HOURS);
            }
            return Instant.parse(t).truncatedTo(ChronoUnit.HOURS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + t + "' is not an hour: use 2026-12-04T05 (UTC) or an ISO instant "
                    + "2026-12-04T05:00:00Z, and FROM..TO for a range");
        }
    }

    public long hours() {
        return Duration.between(from, to).toHours() + 1;
    }
}
