package io.clickstream.sandbox.hostile;

import io.clickstream.consumer.ConsumerApp;
import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.FaultHooks;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An in-process {@link ConsumerApp} on the embedded stack, run until it drains and exits by itself. */
final class ConsumerRun {

    /** The Kafka and S3 names one test uses, so tests sharing a stack never see each other's data. */
    record Names(String topic, String dlqTopic, String group, String bucket, String prefix) {
        static Names of(String slug) {
            return new Names(slug, slug + "-dlq", slug + "-group", slug + "-bucket", "lake");
        }
    }

    private ConsumerRun() {
    }

    /**
     * The consumer's environment on the stack: small batches so a few thousand records make several
     * files, and {@code EXIT_WHEN_IDLE} so the run flushes, commits and returns once the topic is drained.
     */
    static Map<String, String> env(EmbeddedStackExtension stack, Names names) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", stack.kafka().bootstrapServers());
        env.put("KAFKA_TOPIC", names.topic());
        env.put("KAFKA_GROUP_ID", names.group());
        env.put("DLQ_TOPIC", names.dlqTopic());
        env.put("S3_BUCKET", names.bucket());
        env.put("S3_PREFIX", names.prefix());
        env.put("AWS_ENDPOINT_URL", stack.s3().endpoint().toString());
        env.put("AWS_DEFAULT_REGION", stack.s3().region());
        env.put("AWS_ACCESS_KEY_ID", stack.s3().accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", stack.s3().secretKey());
        env.put("BATCH_MAX_RECORDS", "500");
        env.put("BATCH_MAX_AGE", "2s");
        env.put("BUFFER_MAX_BYTES", "32MB");
        env.put("S3_MAX_ATTEMPTS", "2");
        env.put("UPLOAD_BACKOFF_MAX", "2s");
        env.put("SHUTDOWN_TIMEOUT", "30s");
        env.put("METRICS_PORT", "0");
        env.put("PROGRESS_INTERVAL", "5s");
        // Everything is produced before the consumer starts, so idle seconds mean "drained"; 8 s rather than
        // fewer because joining the group on a busy machine also counts as idle.
        env.put("EXIT_WHEN_IDLE", "8s");
        try {
            env.put("SPOOL_DIR", Files.createTempDirectory("hostile-spool-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
