package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConsumerKills} with real child processes ({@link StandInJar}). */
class ConsumerKillsTest {

    @TempDir
    Path dir;

    /**
     * A wave's first kill took the last consumer alive, whose container restarts in place a moment later; the next
     * kill of the wave finds none alive. It must not start a consumer of its own: a deployment would only restart
     * the dead container, and the group would get a member no deployment has.
     */
    @Test
    void aKillThatFindsNoConsumerAliveWhileOneRestartsInPlaceStartsNone() throws Exception {
        try (var run = new ChaosFixture(dir, Map.of())) {
            var kills = run.kills();
            Member only = run.processes.startConsumer(new ConsumerMode.Clean(), "");
            assertThat(only.jvm.awaitLogLine("SinkLoop - assigned", Duration.ofSeconds(30))).isTrue();

            kills.perform(new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(), Duration.ofMillis(800)), 3_000);
            assertThat(only.wasKilled()).isTrue();
            assertThat(run.restarts.any()).isTrue();
            kills.perform(new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(), null), 3_000);

            assertThat(run.processes.consumers().started()).as("only the consumer killed; its restart is the queue's")
                    .isEqualTo(1);
        }
    }

    /**
     * A kill waits for a consumer that holds partitions; when none comes to hold any within the wait, it kills one
     * still joining (a crash mid-join is a fault too) rather than skipping the fault.
     */
    @Test
    void aKillWithNobodyHoldingPartitionsKillsAConsumerStillJoining() throws Exception {
        try (var run = new ChaosFixture(dir, Map.of(StandInJar.UNASSIGNED, "1"))) {
            Member only = run.processes.startConsumer(new ConsumerMode.Clean(), "");
            assertThat(only.jvm.awaitLogLine(StandInJar.READY, Duration.ofSeconds(30))).isTrue();

            long waited = run.kills().perform(new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(),
                    Duration.ofMillis(500)), 500);

            assertThat(waited).as("it waited for a consumer holding partitions first").isGreaterThanOrEqualTo(500);
            assertThat(only.wasKilled()).isTrue();
            assertThat(run.printed()).contains("before it had joined the group");
        }
    }

    @Test
    void aKillOfTheLastConsumerRunningStartsItsReplacementFirst() throws Exception {
        try (var run = new ChaosFixture(dir, Map.of())) {
            Member only = run.processes.startConsumer(new ConsumerMode.Clean(), "");
            assertThat(only.jvm.awaitLogLine("SinkLoop - assigned", Duration.ofSeconds(30))).isTrue();

            run.kills().perform(new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(), null), 3_000);

            assertThat(only.wasKilled()).isTrue();
            assertThat(run.processes.consumers().started()).as("its replacement, started before the kill").isEqualTo(2);
            assertThat(run.printed()).contains("so that one runs while");
        }
    }

    /**
     * The pause hook spares a partition's first generation, which commits at once: its upload line may come after
     * another partition's pause announcement. An aimed kill then landed in the announced pause, and must report (and
     * ask Kafka about) that generation, not the last upload, whose commit may well be done: that made a kill inside
     * the window read "after its commit; aim passed on".
     */
    @Test
    void anAimedKillReportsTheGenerationWhosePauseWasAnnouncedNotTheLastUpload() throws Exception {
        String lines = String.join("|",
                "00:00:01.000 INFO  [s3-upload-1] GenerationPublisher - uploaded s3://b/k0 partition=0 offsets=100..199 "
                        + "rows=100 bytes=1000 ms=5",
                "00:00:01.001 INFO  [s3-upload-1] FaultHooks - -Dclickstream.fault: pausing 60000 ms between the upload "
                        + "of clickstream-0 offsets 100..199 and its commit",
                "00:00:01.002 INFO  [s3-upload-2] GenerationPublisher - uploaded s3://b/k1 partition=1 offsets=0..49 "
                        + "rows=50 bytes=500 ms=5");
        try (var run = new ChaosFixture(dir, Map.of(StandInJar.LINES, lines))) {
            var kills = new ConsumerKills(run.processes, new GroupOffsets("127.0.0.1:9", ChaosRun.TOPIC, "nobody"),
                    new StackFaults(null, run.tracker, run.log), run.tracker, run.restarts, run.log);
            var pausing = new ConsumerMode.PauseAfterUpload(Duration.ofMinutes(1));
            Member victim = run.processes.startConsumer(pausing, "");
            assertThat(victim.jvm.awaitLogLine("partition=1 offsets=0..49", Duration.ofSeconds(30))).isTrue();

            kills.perform(new ChaosPlan.KillConsumer(true, 0.5, pausing, Duration.ofMinutes(1)), 3_000);

            assertThat(victim.wasKilled()).isTrue();
            assertThat(run.printed()).contains("uploaded partition 0 offsets 100..199")
                    .doesNotContain("uploaded partition 1");
        }
    }
}
