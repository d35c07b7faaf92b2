package io.clickstream.sandbox.chaos;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Puts a consumer's log time of day ({@code HH:mm:ss.SSS}, the local zone of this machine, which the consumers
 * share) on the run's clock (milliseconds since the run began), given what both clocks say now. A time of day
 * more than a minute ahead of now belongs to yesterday (a line logged just before midnight, read just after).
 */
final class LogClock {
    private LogClock() {
    }

    static long runMillis(LocalTime loggedAt, long nowEpochMillis, long nowRunMillis, ZoneId zone) {
        LocalDate today = java.time.Instant.ofEpochMilli(nowEpochMillis).atZone(zone).toLocalDate();
        var local = loggedAt.atDate(today).atZone(zone);
        long logged = local.toInstant().toEpochMilli();
        long later = local.withLaterOffsetAtOverlap().toInstant().toEpochMilli();
        if (later > logged && later <= nowEpochMillis + 60_000) {
            logged = later; // the hour the clocks went back: the second occurrence if it has begun
        }
        if (logged > nowEpochMillis + 60_000) {
            logged = loggedAt.atDate(today.minusDays(1)).atZone(zone).toInstant().toEpochMilli();
        }
        return nowRunMillis - (nowEpochMillis - logged);
    }
}
