package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.sim.SimulatedClock;
import io.clickstream.producer.testing.FakeTime;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventTimePacerTest {
    private static final Instant T = Instant.parse("2026-01-19T10:00:00Z");
    private static final long T_NANOS = T.getEpochSecond() * 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final FakeTime time = new FakeTime();
    private final AtomicLong nextEvent = new AtomicLong();

    /** A clock at {@link #T} that moves with {@link #time}, {@code speedup} times faster. */
    private SimulatedClock clock(double speedup) {
        return SimulatedClock.of(T, speedup, time::nanoTime, InstantSource.fixed(T));
    }

    @Test
    void anEventGoesOnlyOnceItsTimeHasComeOnTheClock() throws Exception {
        SimulatedClock clock = clock(1);
        var pacer = new EventTimePacer(nextEvent::get, clock, 1, time);
        nextEvent.set(T_NANOS + 5 * SECOND + 1);
        long before = time.nanoTime();

        assertThat(pacer.acquire(() -> false)).isTrue();
        assertThat(clock.instant()).isAfterOrEqualTo(T.plusNanos(5 * SECOND + 1));
        assertThat(time.nanoTime() - before).isBetween(5 * SECOND, 5 * SECOND + 2);
        assertThat(time.sleeps()).allSatisfy(nanos -> assertThat(nanos).isLessThanOrEqualTo(EventTimePacer.MAX_SLEEP_NANOS));
    }

    @Test
    void withASpeedupItWaitsTheRealTimeThatCoversTheSimulatedGap() throws Exception {
        var pacer = new EventTimePacer(nextEvent::get, clock(1800), 1800, time);
        nextEvent.set(T_NANOS + 1800 * SECOND); // half an hour of simulated time
        long before = time.nanoTime();

        assertThat(pacer.acquire(() -> false)).isTrue();
        assertThat(time.nanoTime() - before).isBetween(SECOND, SECOND + 2);
    }

    @Test
    void aLateEventGoesAtOnceAndShowsHowFarBehindItWent() throws Exception {
        var pacer = new EventTimePacer(nextEvent::get, clock(1), 1, time);
        nextEvent.set(T_NANOS - 3 * SECOND);

        assertThat(pacer.ready()).isTrue();
        assertThat(pacer.acquire(() -> false)).isTrue();
        assertThat(time.sleeps()).isEmpty();
        assertThat(pacer.behindNanos()).isEqualTo(3 * SECOND);
    }

    @Test
    void aStopRequestEndsTheWaitWithinOneSleep() throws Exception {
        var pacer = new EventTimePacer(nextEvent::get, clock(1), 1, time);
        nextEvent.set(T_NANOS + 3600 * SECOND);
        var checks = new AtomicInteger();

        assertThat(pacer.ready()).isFalse();
        assertThat(pacer.acquire(() -> checks.incrementAndGet() > 3)).isFalse();
        assertThat(time.sleeps()).hasSize(3);
    }

    @Test
    void readsTheClockOnlyWhenTheNextEventIsLaterThanTheLastReading() throws Exception {
        var readings = new AtomicInteger();
        InstantSource counting = () -> {
            readings.incrementAndGet();
            return T;
        };
        var pacer = new EventTimePacer(nextEvent::get, counting, 1, time);
        for (int i = 0; i < 1_000; i++) {
            nextEvent.set(T_NANOS - 1_000 * SECOND + i * SECOND); // a back-fill far behind the clock
            assertThat(pacer.acquire(() -> false)).isTrue();
        }
        assertThat(readings.get()).isEqualTo(1);
    }
}
