package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final Instant wallNow = Instant.parse("2026-03-01T12:00:00Z");
    private final InstantSource wall = InstantSource.fixed(wallNow);

    @Test
    void withoutStartTimeOrSpeedupItIsTheWallClock() {
        var clock = SimulatedClock.of(null, 1, nanos::get, wall);
        nanos.addAndGet(3_000_000_000L);
        assertThat(clock.isWallClock()).isTrue();
        assertThat(clock.instant()).isEqualTo(wallNow);
    }

    @Test
    void aBackfillStartsAtTheStartTimeAndRunsSpeedupTimesFaster() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        var clock = SimulatedClock.of(start, 60, nanos::get, wall);
        assertThat(clock.instant()).isEqualTo(start);
        nanos.addAndGet(10_000_000_000L); // 10 real seconds
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(600));
    }

    @Test
    void aSpeedupWithoutStartTimeStartsNow() {
        var clock = SimulatedClock.of(null, 2, nanos::get, wall);
        nanos.addAndGet(1_000_000_000L);
        assertThat(clock.instant()).isEqualTo(wallNow.plusSeconds(2));
    }
}
