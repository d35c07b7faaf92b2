package io.clickstream.sandbox.consumer;

import io.clickstream.consumer.ConsumerApp;
import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.delivery.FaultHooks;
import io.clickstream.consumer.kafka.SinkSummary;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link ConsumerApp} running on its own thread of the test JVM. */
final class InProcessConsumer implements AutoCloseable {
    private final ConsumerApp app;
    private final CompletableFuture<SinkSummary> run = new CompletableFuture<>();
    private final Thread thread;

    private InProcessConsumer(String name, Map<String, String> env) {
        this.app = new ConsumerApp(ConsumerConfig.fromEnvironment(env), FaultHooks.NONE);
        this.thread = new Thread(() -> {
            try {
                run.complete(app.run());
            } catch (Throwable t) {
                run.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    static InProcessConsumer start(String name, Map<String, String> env) {
        var consumer = new InProcessConsumer(name, env);
        consumer.thread.start();
        return consumer;
    }

    /** True while {@link ConsumerApp#run()} has neither returned nor thrown. */
    boolean isRunning() {
        return !run.isDone();
    }

    /** The metrics port once the server is up, else -1. */
    int metricsPort() {
        return app.metricsPort();
    }

    /** Asks the consumer to stop and waits for its summary (flush, upload, commit happen before it returns). */
    SinkSummary stop(Duration timeout) {
        app.stop();
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the consumer failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the consumer did not stop within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Why the consumer ended, if it did; for assertion messages. */
    String outcome() {
        if (!run.isDone()) {
            return "running";
        }
        try {
            return "returned " + run.join();
        } catch (RuntimeException e) {
            return "failed: " + e.getCause();
        }
    }

    @Override
    public void close() {
        if (isRunning()) {
            app.stop();
            try {
                run.get(40, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the test has already failed or will report it; the thread is a daemon
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
