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

/**
 * A {@link ConsumerApp} on a daemon thread of this JVM, for {@code sandbox run}, the benchmark's in-process
 * side and the integration tests: started, watched, stopped, and asked how it ended.
 */
public final class InProcessConsumer implements AutoCloseable {
    /** How long {@link #close()} gives a consumer to flush, upload and commit before it leaves it behind. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(40);

    private final ConsumerApp app;
    private final CompletableFuture<SinkSummary> run = new CompletableFuture<>();

    /** How a consumer's run ended, or that it has not. */
    public sealed interface Outcome {
        /** The summary of a run that returned. */
        SinkSummary summary();

        /** {@link ConsumerApp#run()} has neither returned nor thrown yet. */
        record Running() implements Outcome {
            @Override
            public SinkSummary summary() {
                throw new IllegalStateException("the consumer is still running");
            }
        }

        record Returned(SinkSummary summary) implements Outcome {
        }

        record Failed(Throwable cause) implements Outcome {
            @Override
            public SinkSummary summary() {
                throw new IllegalStateException("the consumer failed: " + cause, cause);
            }
        }
    }

    private InProcessConsumer(Map<String, String> env) {
        this.app = new ConsumerApp(ConsumerConfig.fromEnvironment(env), FaultHooks.NONE);
    }

    /**
     * Starts the consumer configured by {@code env} on a daemon thread named {@code threadName}.
     *
     * @throws io.clickstream.common.config.ConfigException if {@code env} is not a valid configuration
     */
    public static InProcessConsumer start(String threadName, Map<String, String> env) {
        var consumer = new InProcessConsumer(env);
        var thread = new Thread(() -> {
            try {
                consumer.run.complete(consumer.app.run());
            } catch (Throwable t) {
                consumer.run.completeExceptionally(t);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return consumer;
    }

    /** True while {@link ConsumerApp#run()} has neither returned nor thrown. */
    public boolean isRunning() {
        return !run.isDone();
    }

    /** The metrics port once the server is up, else -1. */
    public int metricsPort() {
        return app.metricsPort();
    }

    /**
     * Asks the consumer to stop and waits for its summary (it flushes, uploads and commits before it returns).
     *
     * @throws IllegalStateException if the consumer failed, or had not stopped within {@code timeout}
     */
    public SinkSummary stop(Duration timeout) {
        app.stop();
        Outcome outcome = awaitExit(timeout);
        if (outcome instanceof Outcome.Running) {
            throw new IllegalStateException("the consumer did not stop within " + timeout);
        }
        return outcome.summary();
    }

    /** Waits up to {@code timeout} for the consumer to end by itself (an idle exit, a failure). */
    public Outcome awaitExit(Duration timeout) {
        try {
            run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // told by outcome()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return outcome();
    }

    /** How the consumer ended, or {@link Outcome.Running}. */
    public Outcome outcome() {
        if (!run.isDone()) {
            return new Outcome.Running();
        }
        try {
            return new Outcome.Returned(run.join());
        } catch (RuntimeException e) {
            return new Outcome.Failed(e.getCause() == null ? e : e.getCause());
        }
    }

    /** For a consumer that ended before the caller expected: {@code message}, with the consumer's failure as the cause. */
    public IllegalStateException endedEarly(String message) {
        Outcome outcome = outcome();
        return new IllegalStateException(message + " (" + outcome + ")",
                outcome instanceof Outcome.Failed failed ? failed.cause() : null);
    }

    /** Stops the consumer if it still runs, and gives it a while to end; a failure is not thrown here. */
    @Override
    public void close() {
        if (isRunning()) {
            app.stop();
            awaitExit(CLOSE_WAIT);
        }
    }
}
