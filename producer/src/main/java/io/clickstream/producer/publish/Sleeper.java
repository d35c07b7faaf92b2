package io.clickstream.producer.publish;

import java.util.concurrent.locks.LockSupport;

/** Waits; a fake in tests advances a fake {@link Ticker} instead, so no test sleeps. */
@FunctionalInterface
public interface Sleeper {
    /** Parks the thread: finer-grained than {@code Thread.sleep} for the sub-millisecond gaps of high rates. */
    Sleeper SYSTEM = nanos -> {
        LockSupport.parkNanos(nanos);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    };

    void sleepNanos(long nanos) throws InterruptedException;
}
