package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consumer that cannot reach Kafka or S3 at start-up (a host name that does not resolve yet, a port
 * that refuses) waits at most STARTUP_TIMEOUT, one line per attempt, then exits 1 with one line
 * naming what it could not reach: no stack trace, no hang.
 */
class StartupTimeoutIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @Test
    void aKafkaHostThatDoesNotResolveEndsTheStartAfterTheTimeoutWithOneLineNamingKafka() throws Exception {
        var names = Names.of("startup-kafka");
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("KAFKA_BROKER", "kafka-not-there-yet.invalid:9092");
        env.put("STARTUP_TIMEOUT", "6s");

        JarProcess consumer = consumers.start("startup-kafka", env);

        assertThat(consumer.awaitExit(Duration.ofSeconds(60))).as(consumer.tail(30)).isEqualTo(1);
        String output = consumer.output();
        assertThat(output).contains("Kafka at kafka-not-there-yet.invalid:9092 unreachable for 6s (STARTUP_TIMEOUT)");
        assertThat(consumer.lines()).filteredOn(l -> l.contains("unreachable (attempt")).hasSizeGreaterThanOrEqualTo(2);
        assertNoStackTrace(output);
    }

    @Test
    void anS3EndpointThatRefusesEndsTheStartAfterTheTimeoutWithOneLineNamingS3() throws Exception {
        var names = Names.of("startup-s3");
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort());
        env.put("STARTUP_TIMEOUT", "6s");

        JarProcess consumer = consumers.start("startup-s3", env);

        assertThat(consumer.awaitExit(Duration.ofSeconds(60))).as(consumer.tail(30)).isEqualTo(1);
        String output = consumer.output();
        assertThat(output).contains("S3 bucket '" + names.bucket() + "' unreachable for 6s (STARTUP_TIMEOUT)");
        assertThat(consumer.lines()).filteredOn(l -> l.contains("unreachable (attempt")).hasSizeGreaterThanOrEqualTo(2);
        assertNoStackTrace(output);
    }

    @Test
    void aMissingBucketEndsTheStartWithExitTwoWhileKafkaIsStillAwaited() throws Exception {
        var names = Names.of("startup-both"); // no bucket made
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("KAFKA_BROKER", "kafka-not-there-yet.invalid:9092");
        env.put("STARTUP_TIMEOUT", "5m");

        JarProcess consumer = consumers.start("startup-both", env);

        // The S3 half of the start runs beside the Kafka half: its configuration error is not held back until
        // Kafka answers (or the five minutes are up).
        assertThat(consumer.awaitExit(Duration.ofSeconds(45))).as(consumer.tail(30)).isEqualTo(2);
        String output = consumer.output();
        assertThat(output).contains("S3 bucket '" + names.bucket() + "' does not exist (S3_BUCKET)");
        assertNoStackTrace(output);
    }

    static void assertNoStackTrace(String output) {
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
