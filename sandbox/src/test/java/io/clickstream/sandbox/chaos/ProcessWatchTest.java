package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessWatch} with real child processes: a tiny jar ({@link StandInJar}) stands in for the consumer and
 * the producer, so the watch sees real exits and exit codes.
 */
class ProcessWatchTest {

    @TempDir
    Path dir;

    /**
     * The drain stops the self-halting consumers with SIGTERM (no self-halts after the faults); one that halts in its
     * shutdown flush exits 137 like a self-halt. A restart policy does not restart a container stopped on purpose
     * (docker stop, a deleted pod), so the run must not either.
     */
    @Test
    void aSelfHaltingConsumerTheRunStoppedOnPurposeIsNotRestartedWhenItHaltsOnItsWayOut() throws Exception {
        try (var run = new ChaosFixture(dir, Map.of())) {
            var processes = run.processes;
            var watch = run.watch();
            processes.startProducer(Map.of());
            Member other = processes.startConsumer(new ConsumerMode.Clean(), "");
            Member halting = processes.startConsumer(new ConsumerMode.HaltAfterUpload(2), "");
            assertThat(halting.jvm.awaitLogLine(StandInJar.READY, Duration.ofSeconds(30))).isTrue();
            assertThat(other.jvm.awaitLogLine(StandInJar.READY, Duration.ofSeconds(30))).isTrue();

            processes.consumers().terminate(halting); // what the drain does to a self-halting consumer
            assertThat(halting.jvm.awaitExit(Duration.ofSeconds(30))).isTrue();
            assertThat(halting.jvm.exitValue()).as("halted itself on its way out").isEqualTo(137);
            watch.waitUntil(run.log.elapsedMillis() + ChaosPlan.RESTART_DELAY_MAX.toMillis() + 500);

            assertThat(processes.consumers().started()).as("no consumer started for the one stopped on purpose")
                    .isEqualTo(2);
            assertThat(run.printed()).doesNotContain("a restart in place");
        }
    }
}
