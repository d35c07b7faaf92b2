package io.clickstream.sandbox.testing;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The consumer's environment for tests on the embedded stack: its endpoints and small batch limits,
 * so that a run of a few thousand records has several generations and finishes in seconds. The map is
 * mutable: a test puts its own values over these.
 */
public final class ConsumerEnv {

    private ConsumerEnv() {
    }

    public static Map<String, String> of(EmbeddedStackExtension stack, Names names) {
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
        env.put("S3_MAX_ATTEMPTS", "2");
        env.put("UPLOAD_BACKOFF_MAX", "2s");
        env.put("METRICS_PORT", "0");
        env.put("SHUTDOWN_TIMEOUT", "20s");
        env.put("PROGRESS_INTERVAL", "1s");
        env.put("BUFFER_MAX_BYTES", "32MB");
        env.put("SPOOL_DIR", newSpoolDir().toString());
        return env;
    }

    /**
     * {@link #of}, for a consumer that is started after everything was produced and returns by itself once the
     * topic is drained ({@code EXIT_WHEN_IDLE}), with a longer shutdown timeout and fewer progress lines.
     */
    public static Map<String, String> exitingWhenIdle(EmbeddedStackExtension stack, Names names) {
        Map<String, String> env = of(stack, names);
        env.put("SHUTDOWN_TIMEOUT", "30s");
        env.put("PROGRESS_INTERVAL", "5s");
        // Idle seconds mean "drained"; 8 s rather than fewer because joining the group on a busy machine
        // also counts as idle.
        env.put("EXIT_WHEN_IDLE", "8s");
        return env;
    }

    /** A fresh spool folder: a consumer's spool is its own unless a test shares one on purpose. */
    public static Path newSpoolDir() {
        try {
            return Files.createTempDirectory("it-spool-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
