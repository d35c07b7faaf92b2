package io.clickstream.producer.publish;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Holds a target rate of events per second by a schedule: the k-th event since the anchor may go at
 * {@code anchor + k / rate}. Oversleeping or a slow send is made up by the next events going at once,
 * so the average holds; after a stall longer than {@link #MAX_CATCH_UP_NANOS} the schedule is re-anchored
 * instead of flooding the broker, and the shortfall shows as lag in the progress line.
 *
 * <p>Hand-written rather than Guava's {@code RateLimiter} or Bucket4j: it is 60 lines, needs no 3 MB
 * dependency, and takes an injected {@link Ticker} and {@link Sleeper}, so its accuracy is tested
 * against a fake clock without sleeping (Guava's stopwatch cannot be replaced from outside its package).
 * Not thread-safe: one publishing thread calls it.
 */
public final class RateLimiter {
    /** Up to one second of missed events may be sent back to back to get back on schedule. */
    static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;
    /** Wake at least this often to notice a stop request, however low the rate. */
    static final long MAX_SLEEP_NANOS = 100_000_000L;

    private final double ratePerSecond;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final long catchUpNanos;
    private long anchorNanos;
    private long issued;
    private boolean started;

    /** @param ratePerSecond events per second; 0 means no limit */
    public RateLimiter(double ratePerSecond, Ticker ticker, Sleeper sleeper) {
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        // at very low rates one event is already more than a second apart: allow at least one
        this.catchUpNanos = ratePerSecond == 0 ? 0 : Math.max(MAX_CATCH_UP_NANOS, Math.round(1e9 / ratePerSecond));
    }

    public boolean isUnlimited() {
        return ratePerSecond == 0;
    }

    /**
     * Waits until the next event is due.
     *
     * @return {@code false} when {@code cancelled} became true while waiting (the event must not be sent)
     */
    public boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
        if (isUnlimited()) {
            return !cancelled.getAsBoolean();
        }
        long now = ticker.nanoTime();
        if (!started) {
            started = true;
            anchorNanos = now;
            issued = 0;
        }
        long due = dueNanos(issued);
        if (now - due > catchUpNanos) {
            anchorNanos = now - catchUpNanos;
            issued = 0;
            due = anchorNanos;
        }
        while (due - now > 0) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            sleeper.sleepNanos(Math.min(due - now, MAX_SLEEP_NANOS));
            now = ticker.nanoTime();
        }
        issued++;
        return !cancelled.getAsBoolean();
    }

    /** Computed from the anchor each time, so rounding never accumulates over millions of events. */
    private long dueNanos(long k) {
        return anchorNanos + (long) (k * 1e9 / ratePerSecond);
    }
}
