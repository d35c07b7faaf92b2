package io.clickstream.consumer.dlq;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs the first {@code burst} invalid records one line each, then only a count per interval, so a
 * flood of bad input cannot flood the log. Thread-safe: records are decoded on several threads.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final int burst;
    private final long intervalMillis;
    private final LongSupplier clock;
    private long logged;
    private long suppressed;
    private long windowStart;

    public RateLimitedLog(Logger log, int burst, Duration interval, LongSupplier clockMillis) {
        this.log = log;
        this.burst = burst;
        this.intervalMillis = interval.toMillis();
        this.clock = clockMillis;
        this.windowStart = clockMillis.getAsLong();
    }

    public synchronized void warn(String message) {
        long now = clock.getAsLong();
        if (now - windowStart >= intervalMillis) {
            if (suppressed > 0) {
                log.warn("{} more invalid records in the last {} s (not logged one by one)", suppressed,
                        (now - windowStart) / 1000);
            }
            suppressed = 0;
            windowStart = now;
            logged = 0;
        }
        if (logged < burst) {
            logged++;
            log.warn(message);
        } else {
            suppressed++;
        }
    }

    /** Logs the count of suppressed lines once their interval is over, even if no new invalid record arrives. */
    public synchronized void flush() {
        long now = clock.getAsLong();
        if (suppressed > 0 && now - windowStart >= intervalMillis) {
            log.warn("{} more invalid records in the last {} s (not logged one by one)", suppressed,
                    (now - windowStart) / 1000);
            suppressed = 0;
            windowStart = now;
            logged = 0;
        }
    }

    public synchronized long suppressed() {
        return suppressed;
    }
}
