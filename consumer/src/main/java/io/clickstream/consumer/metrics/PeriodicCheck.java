package io.clickstream.consumer.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a cheap check (S3's HEAD bucket) on a daemon thread at a fixed interval and hands each outcome on,
 * so that readiness stays true to S3 while no upload happens, and the HTTP threads never make the call.
 */
public final class PeriodicCheck implements AutoCloseable {
    private final ScheduledExecutorService scheduler;

    public PeriodicCheck(String threadName, Duration interval, BooleanSupplier check, Consumer<Boolean> outcome) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            boolean ok;
            try {
                ok = check.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false; // a check that throws did not pass; the next run tries again
            }
            outcome.accept(ok);
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
