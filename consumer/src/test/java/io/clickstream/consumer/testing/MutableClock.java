package io.clickstream.consumer.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock the test moves by hand. With a non-zero {@code tick}, every read also moves it forward by
 * that much, so a loop that spins on {@code clock.millis()} always reaches its deadlines.
 */
public final class MutableClock extends Clock {
    private final AtomicLong millis;
    private final long tickMillis;

    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    public MutableClock(Instant start, Duration tick) {
        this.millis = new AtomicLong(start.toEpochMilli());
        this.tickMillis = tick.toMillis();
    }

    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
        return millis.getAndAdd(tickMillis);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
