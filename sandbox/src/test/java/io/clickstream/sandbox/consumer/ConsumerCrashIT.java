package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consumer killed between upload and commit (or halfway through a generation's upload) loses nothing,
 * and its replay overwrites the objects it had uploaded instead of duplicating them: keys are a pure
 * function of the records, and a partition never has two uncommitted generations in S3.
 *
 * <p>The crash is set at generation {@code PARTITIONS + 1}: a partition's second generation closes only
 * after its first is committed, so by then at least one commit has landed and the crash falls between a
 * commit and the next. The first run sees the records arrive over time (small generations), the restart
 * sees them as one backlog (large generations): the replay draws other batch boundaries, which is exactly
 * the case the no-duplicate argument has to survive.
 */
class ConsumerCrashIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses processes = JarProcesses.consumer();

    private static final int PARTITIONS = 3;
    private static final int CRASH_AT_GENERATION = PARTITIONS + 1;

    @Test
    void aConsumerHaltedAfterUploadingBeforeCommittingIsReplayedWithoutLossOrDuplicates() throws Exception {
        crashThenRestart(Names.of("crash-after"), "halt-after-upload:" + CRASH_AT_GENERATION);
    }

    @Test
    void aConsumerHaltedHalfwayThroughAGenerationsUploadIsReplayedWithoutLossOrDuplicates() throws Exception {
        crashThenRestart(Names.of("crash-during"), "halt-during-upload:" + CRASH_AT_GENERATION);
    }

    private void crashThenRestart(Names names, String fault) throws Exception {
        STACK.kafka().createTopic(names.topic(), PARTITIONS);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = new HashMap<>(ConsumerEnv.of(STACK, names));
        // Static membership, as a container restarted in place: the restart takes the halted member's place at once,
        // where a new member would wait for the halted one's session (45 s) to expire.
        env.put("KAFKA_GROUP_INSTANCE_ID", names.topic() + "-member");

        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), PARTITIONS, 3, 51)) {
            var first = processes.start(names.topic() + "-first", env, List.of("-Xmx384m", "-Dclickstream.fault=" + fault));
            groups.awaitStable(names.group(), 1, PARTITIONS, Duration.ofSeconds(60));
            CompletableFuture<TestTraffic.Sent> producing = CompletableFuture.supplyAsync(() -> {
                try {
                    return traffic.sendPaced(6000, 89, 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });

            assertThat(first.awaitExit(Duration.ofSeconds(60))).as("exit code with %s; log tail:%n%s", fault,
                    first.tail(20)).isEqualTo(137);
            assertThat(first.output()).contains("halting the JVM");
            Map<String, Instant> afterCrash = Lake.list(STACK, names);
            Map<TopicPartition, Long> committedAfterCrash = groups.committed(names.group());
            TestTraffic.Sent sent = producing.get(60, TimeUnit.SECONDS);
            Map<TopicPartition, Long> end = groups.endOffsets(names.topic());
            assertThat(afterCrash).as("objects the halted consumer uploaded").isNotEmpty();
            assertThat(committedAfterCrash).as("commits before the crash").isNotEmpty();
            assertThat(end).as("records left for the replay (committed %s)", committedAfterCrash)
                    .anySatisfy((p, offset) -> assertThat(committedAfterCrash.getOrDefault(p, 0L)).isLessThan(offset));

            // Last-modified times have a resolution of one second: make a rewrite visible.
            Thread.sleep(1100);
            Map<String, String> restart = new HashMap<>(env);
            restart.put("EXIT_WHEN_IDLE", "5s");
            var second = processes.start(names.topic() + "-restart", restart);
            assertThat(second.awaitExit(Duration.ofSeconds(90))).as("exit code of the restart; log tail:%n%s",
                    second.tail(20)).isZero();
            assertThat(groups.committed(names.group())).as("committed = end offsets").isEqualTo(end);
            try (var left = Files.list(Path.of(env.get("SPOOL_DIR")))) {
                assertThat(left.map(p -> p.getFileName().toString()))
                        .as("spool folders left behind: the halted run's is removed by the restart, the restart's at exit")
                        .noneMatch(name -> name.startsWith("run-"));
            }

            Map<String, Instant> afterRestart = Lake.list(STACK, names);
            assertThat(afterRestart.keySet()).as("every object of the halted run is still there")
                    .containsAll(afterCrash.keySet());
            long rewritten = afterCrash.entrySet().stream()
                    .filter(e -> afterRestart.get(e.getKey()).isAfter(e.getValue())).count();
            System.out.printf("ConsumerCrashIT %s: %d objects before the crash (commits %s), %d rewritten by the "
                    + "replay, %d in all%n", fault, afterCrash.size(), committedAfterCrash, rewritten, afterRestart.size());
            assertThat(rewritten).as("objects uploaded but not committed before the crash, overwritten by the replay")
                    .isPositive();
            assertThat(rewritten).as("objects of committed generations, which the replay must not touch")
                    .isLessThan(afterCrash.size());

            VerifierReport report = Lake.verify(STACK, names, true);
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.expectedOffsets()).isEqualTo(sent.total());
            assertThat(report.rows()).as("each valid record once").isEqualTo(sent.valid());
            // The dead-letter topic is at least once: a replay may send a letter again.
            assertThat(report.deadLetters()).isGreaterThanOrEqualTo(sent.invalid());
        }
    }
}
