package io.clickstream.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock the test moves by hand; also an {@link java.time.InstantSource}, as every {@link Clock} is.
 * With a non-zero {@code tick}, every reading also moves it forward by that much, so a loop that spins on
 * the clock always reaches its deadlines, and a generator that reads it once per event makes the same
 * timestamps however fast it runs. Safe to read from several threads.
 */
public final class MutableClock extends Clock {
    private final Duration tick;
    private Instant now; // guarded by this

    /** A clock that moves only when told to. */
    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    /** A clock that also moves by {@code tick} after each reading. */
    public MutableClock(Instant start, Duration tick) {
        if (tick.isNegative()) {
            throw new IllegalArgumentException("a clock does not tick backwards: " + tick);
        }
        this.now = start;
        this.tick = tick;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public synchronized Instant instant() {
        Instant reading = now;
        now = now.plus(tick);
        return reading;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a MutableClock is UTC only");
    }
}
