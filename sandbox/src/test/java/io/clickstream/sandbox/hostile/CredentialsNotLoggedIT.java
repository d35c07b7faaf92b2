package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.ConsumerApp;
import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.delivery.FaultHooks;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.Names;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The secret access key never reaches a log line, the console or an error message, on the paths where a
 * consumer talks about its S3 credentials: refused credentials (a clear 403 start-up error) and an
 * unreachable endpoint (one retry line per attempt). Our own code and the AWS SDK log at DEBUG meanwhile.
 */
class CredentialsNotLoggedIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    /** Looks like an AWS secret and is unique to this run, so any hit is this value and nothing else. */
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+" + UUID.randomUUID().toString().replace("-", "");
    private static final String[] DEBUG_LOGGERS = {"io.clickstream", "software.amazon.awssdk", "org.apache.hc"};

    @Test
    void refusedCredentialsStopTheStartWithAClearMessageThatNeverShowsTheSecret() throws Exception {
        var names = Names.of("creds-refused");
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = ConsumerRun.env(STACK, names);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET); // S3Proxy accepts only its own secret: HTTP 403

        Throwable failure;
        String output;
        long sdkDebugEvents;
        try (var captured = new CapturedOutput(DEBUG_LOGGERS)) {
            failure = runExpectingFailure(env, Duration.ofSeconds(60));
            output = captured.all();
            sdkDebugEvents = captured.debugEventsFrom("software.amazon.awssdk");
        }

        assertThat(failure).isInstanceOf(ConsumerApp.StartupException.class);
        assertThat(failure.getMessage()).contains("403", "AWS_SECRET_ACCESS_KEY", names.bucket()).doesNotContain(SECRET);
        assertThat(output).as("the capture saw the consumer's start line").contains("starting consumer: ConsumerConfig[");
        assertThat(sdkDebugEvents).as("the AWS SDK's DEBUG lines were captured too").isPositive();
        assertNoSecret(output);
    }

    @Test
    void unreachableS3IsRetriedWithLinesThatNeverShowTheSecret() throws Exception {
        var names = Names.of("creds-unreachable");
        Map<String, String> env = ConsumerRun.env(STACK, names);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1"); // nothing listens there: connection refused

        String output;
        try (var captured = new CapturedOutput(DEBUG_LOGGERS)) {
            var app = new ConsumerApp(ConsumerConfig.fromEnvironment(env), FaultHooks.NONE);
            var executor = Executors.newSingleThreadExecutor();
            try {
                Future<SinkSummary> run = executor.submit(app::run);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (captured.events().stream().filter(e -> e.contains("S3 unreachable")).count() < 2) {
                    assertThat(System.nanoTime()).as("two retry lines within 60 s").isLessThan(deadline);
                    assertThat(run.isDone()).as("the consumer keeps waiting for S3").isFalse();
                    Thread.sleep(100);
                }
                app.stop();
                assertThat(run.get(30, TimeUnit.SECONDS).consumed()).isZero();
            } finally {
                executor.shutdownNow();
            }
            output = captured.all();
        }

        assertThat(output).contains("S3 unreachable");
        assertNoSecret(output);
    }

    private static Throwable runExpectingFailure(Map<String, String> env, Duration timeout) throws Exception {
        var app = new ConsumerApp(ConsumerConfig.fromEnvironment(env), FaultHooks.NONE);
        var executor = Executors.newSingleThreadExecutor();
        try {
            SinkSummary summary = executor.submit(app::run).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the consumer started with a refused secret: " + summary);
        } catch (ExecutionException e) {
            return e.getCause();
        } finally {
            app.stop();
            executor.shutdownNow();
        }
    }

    /** The secret, and its distinctive half alone (a truncated or re-encoded copy is still a leak). */
    private static void assertNoSecret(String output) {
        assertThat(output).doesNotContain(SECRET);
        assertThat(output).doesNotContain(SECRET.substring(SECRET.indexOf('+') + 1));
    }
}
