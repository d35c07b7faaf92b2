package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.clickstream.consumer.ConsumerApp;
import io.clickstream.sandbox.consumer.InProcessConsumer.Outcome;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import io.clickstream.testkit.ConsoleCapture;
import io.clickstream.testkit.LogCapture;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
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
        Map<String, String> env = ConsumerEnv.exitingWhenIdle(STACK, names);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET); // S3Proxy accepts only its own secret: HTTP 403

        Outcome outcome;
        String output;
        long sdkDebugEvents;
        try (var console = ConsoleCapture.tee();
                var logs = everyLogAtDebug();
                var consumer = InProcessConsumer.start("creds-refused-consumer", env)) {
            outcome = consumer.awaitExit(Duration.ofSeconds(60));
            output = everything(logs, console);
            sdkDebugEvents = logs.events().stream().filter(e -> e.getLoggerName().startsWith("software.amazon.awssdk")
                    && !e.getLevel().isGreaterOrEqual(Level.INFO)).count();
        }

        assertThat(outcome).as("the consumer stops at the start").isInstanceOf(Outcome.Failed.class);
        Throwable failure = ((Outcome.Failed) outcome).cause();
        assertThat(failure).isInstanceOf(ConsumerApp.StartupException.class);
        assertThat(failure.getMessage()).contains("403", "AWS_SECRET_ACCESS_KEY", names.bucket()).doesNotContain(SECRET);
        assertThat(output).as("the capture saw the consumer's start line").contains("starting consumer: ConsumerConfig[");
        assertThat(sdkDebugEvents).as("the AWS SDK's DEBUG lines were captured too").isPositive();
        assertNoSecret(output);
    }

    @Test
    void unreachableS3IsRetriedWithLinesThatNeverShowTheSecret() throws Exception {
        var names = Names.of("creds-unreachable");
        Map<String, String> env = ConsumerEnv.exitingWhenIdle(STACK, names);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1"); // nothing listens there: connection refused

        String output;
        try (var console = ConsoleCapture.tee();
                var logs = everyLogAtDebug();
                var consumer = InProcessConsumer.start("creds-unreachable-consumer", env)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (logs.messages().stream().filter(m -> m.contains("S3 unreachable")).count() < 2) {
                assertThat(System.nanoTime()).as("two retry lines within 60 s").isLessThan(deadline);
                assertThat(consumer.isRunning()).as("the consumer keeps waiting for S3: %s", consumer.outcome()).isTrue();
                Thread.sleep(100);
            }
            assertThat(consumer.stop(Duration.ofSeconds(30)).consumed()).isZero();
            output = everything(logs, console);
        }

        assertThat(output).contains("S3 unreachable");
        assertNoSecret(output);
    }

    /** Everything that reaches the root logger, with our code and the S3 client's stack at DEBUG. */
    private static LogCapture everyLogAtDebug() {
        var logs = LogCapture.root();
        for (String name : DEBUG_LOGGERS) {
            logs.withLevel(name, Level.DEBUG);
        }
        return logs;
    }

    /** Every log event with all it carries (arguments, MDC, exception chains) and every console byte, as one text. */
    private static String everything(LogCapture logs, ConsoleCapture console) {
        return String.join("\n", logs.rendered()) + "\n" + console.out() + "\n" + console.err();
    }

    /** The secret, and its distinctive half alone (a truncated or re-encoded copy is still a leak). */
    private static void assertNoSecret(String output) {
        assertThat(output).doesNotContain(SECRET);
        assertThat(output).doesNotContain(SECRET.substring(SECRET.indexOf('+') + 1));
    }
}
