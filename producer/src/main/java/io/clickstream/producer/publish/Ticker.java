package io.clickstream.producer.publish;

/** A monotonic nanosecond clock; {@code System::nanoTime} in production, a fake in tests. */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
