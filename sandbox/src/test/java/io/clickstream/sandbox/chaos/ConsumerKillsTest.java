package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        Path jar = StandInJar.write(dir);
        Path runDir = dir.resolve("run");
        var jars = new ChaosJars(jar, jar);
        var options = ChaosOptions.defaults(Duration.ofMinutes(1), 1, runDir, jars);
        var out = new ByteArrayOutputStream();
        try (var log = new FaultLog(new PrintStream(out, true, StandardCharsets.UTF_8), dir.resolve("chaos.log"),
                System::nanoTime);
                var processes = new ChaosProcesses(options, jars, runDir, Map.of(), log, (member, upload) -> {
                })) {
            var restarts = new RestartQueue();
            var kills = new ConsumerKills(processes, null, null, new RecoveryTracker(), restarts, log);
            Member only = processes.startConsumer(new ConsumerMode.Clean(), "");
            assertThat(only.jvm.awaitLogLine("SinkLoop - assigned", Duration.ofSeconds(30))).isTrue();

            kills.perform(new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(), Duration.ofMillis(800)), 3_000);
            assertThat(only.wasKilled()).isTrue();
            assertThat(restarts.any()).isTrue();
            kills.perform(new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(), null), 3_000);

            assertThat(processes.consumers().started()).as("only the consumer killed; its restart is the queue's")
                    .isEqualTo(1);
        }
    }

    /**
     * A kill waits for a consumer that holds partitions; when none comes to hold any within the wait, it kills one
     * still joining (a crash mid-join is a fault too) rather than skipping the fault.
     */
    @Test
    void aKillWithNobodyHoldingPartitionsKillsAConsumerStillJoining() throws Exception {
        try (var run = new Run(Map.of(StandInJar.UNASSIGNED, "1"))) {
            Member only = run.processes.startConsumer(new ConsumerMode.Clean(), "");
            assertThat(only.jvm.awaitLogLine(StandInJar.READY, Duration.ofSeconds(30))).isTrue();

            long waited = run.kills.perform(new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(),
                    Duration.ofMillis(500)), 500);

            assertThat(waited).as("it waited for a consumer holding partitions first").isGreaterThanOrEqualTo(500);
            assertThat(only.wasKilled()).isTrue();
            assertThat(run.out.toString(StandardCharsets.UTF_8)).contains("before it had joined the group");
        }
    }

    @Test
    void aKillOfTheLastConsumerRunningStartsItsReplacementFirst() throws Exception {
        try (var run = new Run(Map.of())) {
            Member only = run.processes.startConsumer(new ConsumerMode.Clean(), "");
            assertThat(only.jvm.awaitLogLine("SinkLoop - assigned", Duration.ofSeconds(30))).isTrue();

            run.kills.perform(new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(), null), 3_000);

            assertThat(only.wasKilled()).isTrue();
            assertThat(run.processes.consumers().started()).as("its replacement, started before the kill").isEqualTo(2);
            assertThat(run.out.toString(StandardCharsets.UTF_8)).contains("so that one runs while");
        }
    }

    /** The run's pieces around a {@link ConsumerKills}, with the stand-in jar as consumer. */
    private final class Run implements AutoCloseable {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final FaultLog log;
        final ChaosProcesses processes;
        final ConsumerKills kills;

        Run(Map<String, String> env) {
            Path jar = StandInJar.write(dir);
            Path runDir = dir.resolve("run");
            var jars = new ChaosJars(jar, jar);
            var options = ChaosOptions.defaults(Duration.ofMinutes(1), 1, runDir, jars);
            log = new FaultLog(new PrintStream(out, true, StandardCharsets.UTF_8), dir.resolve("chaos.log"), System::nanoTime);
            processes = new ChaosProcesses(options, jars, runDir, env, log, (member, upload) -> {
            });
            kills = new ConsumerKills(processes, null, null, new RecoveryTracker(), new RestartQueue(), log);
        }

        @Override
        public void close() {
            processes.close();
            log.close();
        }
    }
}
