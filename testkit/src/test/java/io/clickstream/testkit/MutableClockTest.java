package io.clickstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    private static final Instant START = Instant.parse("2026-01-19T12:30:00Z");

    @Test
    void standsStillUntilAdvanced() {
        var clock = new MutableClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());

        clock.advance(Duration.ofNanos(1_500));
        assertThat(clock.instant()).isEqualTo(START.plusNanos(1_500));
    }

    @Test
    void aTickingClockMovesAfterEveryReading() {
        InstantSource clock = new MutableClock(START, Duration.ofMillis(20));
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli() + 20);
        assertThat(clock.instant()).isEqualTo(START.plusMillis(40));
    }

    @Test
    void isUtcOnly() {
        var clock = new MutableClock(START);
        assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThatThrownBy(() -> clock.withZone(java.time.ZoneId.of("Europe/Paris")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new MutableClock(START, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
