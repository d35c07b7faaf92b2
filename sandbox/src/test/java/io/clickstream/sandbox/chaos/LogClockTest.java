package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LogClockTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private static long epoch(int hour, int minute, int second, int millis) {
        return ZonedDateTime.of(2026, 12, 5, hour, minute, second, millis * 1_000_000, ZONE).toInstant().toEpochMilli();
    }

    @Test
    void aLogTimeOfDayIsPutOnTheRunsClockBySubtractingHowLongAgoItWas() {
        long now = epoch(14, 12, 53, 0);

        assertThat(LogClock.runMillis(LocalTime.of(14, 12, 52, 513_000_000), now, 300_000, ZONE)).isEqualTo(299_513);
    }

    @Test
    void aTimeJustBeforeMidnightReadJustAfterItIsYesterdays() {
        long now = ZonedDateTime.of(2026, 12, 6, 0, 0, 1, 0, ZONE).toInstant().toEpochMilli();

        assertThat(LogClock.runMillis(LocalTime.of(23, 59, 59, 500_000_000), now, 60_000, ZONE)).isEqualTo(58_500);
    }

    @Test
    void aLineLoggedInTheRepeatedHourWhenTheClocksGoBackIsPutAtItsSecondOccurrence() {
        // 2026-10-25 in Berlin: 02:00..03:00 happens twice; now is 02:30:01 the second time (01:30:01 UTC).
        long now = java.time.Instant.parse("2026-10-25T01:30:01Z").toEpochMilli();

        assertThat(LogClock.runMillis(LocalTime.of(2, 30), now, 60_000, ZONE)).isEqualTo(59_000);
    }
}
