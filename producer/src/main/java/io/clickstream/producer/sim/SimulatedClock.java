package io.clickstream.producer.sim;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The simulated "now" that event timestamps come from: the wall clock, or, for back-fills, a start
 * time that advances {@code speedup} times faster than real time.
 */
public final class SimulatedClock implements InstantSource {
    private final Instant start;
    private final double speedup;
    private final LongSupplier nanoTime;
    private final long originNanos;
    private final InstantSource wall;

    private SimulatedClock(Instant start, double speedup, LongSupplier nanoTime, InstantSource wall) {
        this.start = start;
        this.speedup = speedup;
        this.nanoTime = nanoTime;
        this.originNanos = nanoTime.getAsLong();
        this.wall = wall;
    }

    /**
     * @param start the simulated time at creation; {@code null} = the wall clock's now
     * @param speedup simulated seconds per real second
     * @param nanoTime a monotonic source of nanoseconds ({@code System::nanoTime})
     * @param wall the wall clock
     */
    public static SimulatedClock of(Instant start, double speedup, LongSupplier nanoTime, InstantSource wall) {
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(wall, "wall");
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be positive: " + speedup);
        }
        if (start == null && speedup == 1.0) {
            return new SimulatedClock(null, 1.0, nanoTime, wall); // plain wall clock, follows NTP corrections
        }
        return new SimulatedClock(start == null ? wall.instant() : start, speedup, nanoTime, wall);
    }

    @Override
    public Instant instant() {
        if (start == null) {
            return wall.instant();
        }
        long elapsed = nanoTime.getAsLong() - originNanos;
        return start.plusNanos(Math.round(elapsed * speedup));
    }

    /** Simulated seconds per real second. */
    public double speedup() {
        return speedup;
    }

    public boolean isWallClock() {
        return start == null;
    }
}
