package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipeline under a bounded storm: a dozen consumer kills (some between an upload and its commit, some
 * by the consumer itself halfway through an upload), an S3 outage (503s, then the server stopped) and a
 * broker restart, with the producer sending all along. Afterwards every record is in the lake exactly once
 * or in the dead-letter topic, and the producer had every event acknowledged.
 *
 * <p>Sized for a loaded two-core machine: 75 s of faults (stretched by at most a quarter while kills wait
 * for a target), ten kills in waves, then up to 90 s for the producer to finish and the group to commit
 * everything; about 2.5 to 3 minutes in all. After each wave the group's members are evicted, so that the
 * dead members' partitions move at once instead of after their session timeout (the consumers' default, 45 s).
 */
class ChaosIT {
    private static final long SEED = 20_260_125L;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void killsAnS3OutageAndABrokerRestartLoseAndDuplicateNothing() {
        Path runDir = Path.of("target", "chaos-it", "seed-" + SEED + "-" + System.currentTimeMillis());
        ChaosOptions options = ChaosOptions.defaults(Duration.ofSeconds(75), SEED, runDir,
                        ChaosJars.in(Path.of("..")))
                .withRate(1000)
                .withKillInterval(Duration.ofMillis(5500))
                .withDrainTimeout(Duration.ofSeconds(90));

        ChaosResult result = ChaosRun.run(options, System.out);
        System.out.println(result.describe());

        assertThat(childJvmsStillRunning()).as("child processes left behind").isZero();
        assertThat(result.report()).as("verifier report; run folder %s", result.runDir()).isNotNull();
        assertThat(result.report().duplicateOffsets()).as(result.describe()).isZero();
        assertThat(result.report().missingOffsets()).as(result.describe()).isZero();
        assertThat(result.report().ok()).as(result.describe()).isTrue();
        assertThat(result.problems()).as(result.describe()).isEmpty();
        assertThat(result.ok()).isTrue();

        assertThat(result.producerExit()).as("producer exit code").isZero();
        // An idempotent producer: the broker restart's retries add no record to the topic.
        assertThat(result.report().expectedOffsets()).isEqualTo(options.events());
        assertThat(result.report().rows() + result.report().deadLetters()).isGreaterThanOrEqualTo(options.events());

        assertThat(result.kills()).as("consumer kills").isGreaterThanOrEqualTo(10);
        // kill -9 inside a consumer's upload-commit pause, or the consumer's own halt at that point
        assertThat(result.count(FaultKind.KILL_AFTER_UPLOAD) + result.count(FaultKind.SELF_HALT_AFTER_UPLOAD))
                .as("kills between upload and commit").isPositive();
        assertThat(result.count(FaultKind.S3_ERRORS)).as("S3 503 phases").isEqualTo(1);
        assertThat(result.count(FaultKind.S3_STOPPED)).as("S3 stopped phases").isEqualTo(1);
        assertThat(result.count(FaultKind.BROKER_RESTART)).as("broker restarts").isEqualTo(1);
        assertThat(result.count(FaultKind.CONSUMER_START)).isGreaterThan(result.kills() - 1);
    }

    private static long childJvmsStillRunning() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("clickstream-")).orElse(false)).count();
    }
}
