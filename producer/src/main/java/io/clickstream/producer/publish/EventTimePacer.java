package io.clickstream.producer.publish;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Holds each event back until its time has come on the run's clock (the wall clock, or a back-fill's
 * simulated clock that runs {@code speedup} times faster), so an event is never sent before the moment it
 * describes. An event whose time has passed goes at once: a run that fell behind (a broker was away) catches
 * up and keeps every event, and its lateness shows in {@link #behindNanos()}.
 *
 * <p>The clock is read only when the next event is later than the last reading: while a back-fill runs
 * behind the clock, most events need no reading at all.
 */
public final class EventTimePacer implements Pacer {
    /** Wake at least this often to notice a stop request, however far the next event is. */
    static final long MAX_SLEEP_NANOS = 100_000_000L;

    private final LongSupplier nextEventNanos;
    private final InstantSource clock;
    private final double speedup;
    private final Sleeper sleeper;
    private long lastReadingNanos = Long.MIN_VALUE;
    private volatile long behindNanos;

    /**
     * @param nextEventNanos epoch nanoseconds of the next event (the generator's {@code nextEventNanos})
     * @param clock the clock event times are on
     * @param speedup simulated nanoseconds per real nanosecond of {@code clock} (1 for the wall clock)
     */
    public EventTimePacer(LongSupplier nextEventNanos, InstantSource clock, double speedup, Sleeper sleeper) {
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be positive: " + speedup);
        }
        this.nextEventNanos = Objects.requireNonNull(nextEventNanos, "nextEventNanos");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.speedup = speedup;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
        long due = nextEventNanos.getAsLong();
        if (due <= lastReadingNanos) {
            behindNanos = realNanos(lastReadingNanos - due); // as of the last reading: at least this far behind
            return !cancelled.getAsBoolean();
        }
        while (true) {
            long now = read();
            if (due <= now) {
                behindNanos = realNanos(now - due);
                return !cancelled.getAsBoolean();
            }
            if (cancelled.getAsBoolean()) {
                return false;
            }
            sleeper.sleepNanos(Math.max(1, Math.min(realNanos(due - now), MAX_SLEEP_NANOS)));
        }
    }

    @Override
    public boolean ready() {
        long due = nextEventNanos.getAsLong();
        return due <= lastReadingNanos || due <= read();
    }

    @Override
    public long behindNanos() {
        return behindNanos;
    }

    private long read() {
        Instant now = clock.instant();
        lastReadingNanos = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        return lastReadingNanos;
    }

    private long realNanos(long simulatedNanos) {
        return (long) Math.ceil(simulatedNanos / speedup);
    }
}
