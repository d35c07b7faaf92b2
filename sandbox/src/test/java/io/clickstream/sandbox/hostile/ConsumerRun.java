package io.clickstream.sandbox.hostile;

import io.clickstream.consumer.ConsumerApp;
import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.delivery.FaultHooks;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An in-process {@link ConsumerApp} on the embedded stack, run until it drains and exits by itself. */
final class ConsumerRun {

    private ConsumerRun() {
    }

    /**
     * The consumer's environment on the stack ({@link ConsumerEnv}: small batches so a few thousand records
     * make several files), with a longer shutdown timeout, fewer progress lines, and {@code EXIT_WHEN_IDLE}
     * so the run flushes, commits and returns once the topic is drained.
     */
    static Map<String, String> env(EmbeddedStackExtension stack, Names names) {
        Map<String, String> env = ConsumerEnv.of(stack, names);
        env.put("SHUTDOWN_TIMEOUT", "30s");
        env.put("PROGRESS_INTERVAL", "5s");
        // Everything is produced before the consumer starts, so idle seconds mean "drained"; 8 s rather than
        // fewer because joining the group on a busy machine also counts as idle.
        env.put("EXIT_WHEN_IDLE", "8s");
        return env;
    }

    /** Runs the consumer on its own thread until it returns; a throw or a hang fails the test. */
    static SinkSummary untilIdle(Map<String, String> env, Duration timeout) {
        var app = new ConsumerApp(ConsumerConfig.fromEnvironment(env), FaultHooks.NONE);
        var executor = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "hostile-consumer");
            t.setDaemon(true);
            return t;
        });
        try {
            return executor.submit(app::run).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the consumer stopped with an exception: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            app.stop();
            throw new AssertionError("the consumer did not drain and exit within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            executor.shutdown();
        }
    }
}
