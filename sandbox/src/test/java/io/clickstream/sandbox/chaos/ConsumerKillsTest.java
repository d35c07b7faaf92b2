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
}
