package io.clickstream.producer.testing;

import io.clickstream.producer.publish.Sleeper;
import io.clickstream.producer.publish.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/** A clock that only moves when told to, or when something sleeps on it: tests never really sleep. */
public final class FakeTime implements Ticker, Sleeper {
    private long nanos = 1_000_000_000L;
    private LongUnaryOperator actualSleep = LongUnaryOperator.identity();
    private final List<Long> sleeps = new ArrayList<>();
    private Runnable onSleep = () -> { };

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void sleepNanos(long requested) {
        sleeps.add(requested);
        nanos += actualSleep.applyAsLong(requested);
        onSleep.run();
    }

    public synchronized void advance(long byNanos) {
        nanos += byNanos;
    }

    public synchronized void advanceMillis(long millis) {
        advance(millis * 1_000_000L);
    }

    /** How long a sleep really takes given the requested time (e.g. oversleeping like a real scheduler). */
    public synchronized FakeTime sleepsFor(LongUnaryOperator actual) {
        this.actualSleep = actual;
        return this;
    }

    /** Called after every sleep, e.g. to request a stop after a while. */
    public synchronized FakeTime onSleep(Runnable action) {
        this.onSleep = action;
        return this;
    }

    public synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
