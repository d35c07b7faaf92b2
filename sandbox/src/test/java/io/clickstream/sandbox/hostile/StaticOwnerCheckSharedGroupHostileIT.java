package io.clickstream.sandbox.hostile;

import static io.clickstream.sandbox.hostile.StaticGroupRig.ENFORCE_LINE;
import static io.clickstream.sandbox.hostile.StaticGroupRig.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One classic group shared by two deployments on two topics (KAFKA_GROUP_ID the same, KAFKA_TOPIC not): x's static
 * member a dies mid-revocation and is restarted in place, beside y's static member c, which owns y's partitions
 * throughout and is itself restarted in place afterwards. a's check must judge x's partitions only and hand its
 * orphans on; c's check must find nothing to ask for; both topics end fully in the lake.
 */
class StaticOwnerCheckSharedGroupHostileIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @Test
    void aGroupSharedWithAnotherTopicsDeploymentStillHandsOnTheOrphansAndAsksNothingForTheOtherTopic() throws Exception {
        try (var x = new StaticGroupRig(STACK, "shared-group-x", 6); var y = new StaticGroupRig(STACK, "shared-group-y", 2)) {
            String group = x.names.group();
            Map<String, String> a = x.env("classic", "a", "60s");
            a.put("BATCH_MAX_RECORDS", "1000000");
            a.put("BATCH_MAX_AGE", "6h");
            Map<String, String> b = x.env("classic", null, "60s");
            Map<String, String> c = y.env("classic", "c", "60s");
            c.put("KAFKA_GROUP_ID", group);

            JarProcess yc = consumers.start("shared-y-c", c, List.of("-Xmx256m"));
            JarProcess first = consumers.start("shared-x-a-first", a,
                    List.of("-Xmx256m", "-Dclickstream.fault=halt-after-upload:1"));
            StaticGroupRig.await(() -> ownedCount(x) == 8, Duration.ofSeconds(60), () -> "a and c own x's 6 and y's 2: "
                    + x.describeShort());
            x.awaitHeld(first, 6);
            long sentX = x.send(600);
            long sentY = y.send(200);
            StaticGroupRig.await(() -> first.output().contains("consumed=" + sentX + " "), Duration.ofSeconds(60),
                    () -> "a consumed x:\n" + first.tail(20));
            JarProcess joiner = consumers.start("shared-x-b-dynamic", b, List.of("-Xmx256m"));
            assertThat(first.awaitExit(Duration.ofSeconds(60))).as(first.tail(20)).isEqualTo(137);
            Thread.sleep(3000);
            String orphaned = x.describeShort();

            Map<String, String> aAgain = new HashMap<>(a);
            aAgain.put("BATCH_MAX_AGE", "1s");
            long restartedAt = System.nanoTime();
            JarProcess again = consumers.start("shared-x-a-again", aAgain, List.of("-Xmx256m"));
            Duration toLagZero = x.awaitCommittedToEnd(Duration.ofSeconds(60),
                    () -> again.isAlive() && joiner.isAlive() && yc.isAlive());
            long restartMs = Duration.ofNanos(System.nanoTime() - restartedAt).toMillis();

            // c restarted in place: y's partitions all have an owner (c's stored assignment), nothing to ask.
            yc.kill();
            JarProcess ycAgain = consumers.start("shared-y-c-again", c, List.of("-Xmx256m"));
            StaticGroupRig.await(() -> ycAgain.output().contains("SinkLoop - assigned ["), Duration.ofSeconds(60),
                    () -> "c's restart assigned:\n" + ycAgain.tail(20));
            Thread.sleep(3000);
            long sentY2 = y.send(200);
            StaticGroupRig.await(() -> y.verifyLake().rows() == sentY + sentY2, Duration.ofSeconds(60), () -> "y in the lake: " + y.verifyLake().describe());
            System.out.printf("HOSTILE shared group: orphaned %s; a's restart to x lag 0: %d ms; after: %s; a's line: %s;"
                    + " c-again's StaticRestartRebalance lines: %d%n", orphaned, restartMs, x.describeShort(),
                    again.lastLine(l -> l.contains("StaticRestartRebalance")).orElse("(none)"),
                    count(ycAgain, "StaticRestartRebalance"));
            assertThat(count(again, ENFORCE_LINE)).isEqualTo(1);
            assertThat(again.lastLine(l -> l.contains(ENFORCE_LINE)).orElseThrow()).contains("of " + x.names.topic() + " ");
            assertThat(count(ycAgain, "asked the group for a rebalance")).isZero();
            for (JarProcess p : List.of(again, joiner, ycAgain)) {
                p.terminate();
            }
            for (JarProcess p : List.of(again, joiner, ycAgain)) {
                assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.tail(20)).isZero();
                assertThat(StaticGroupRig.stackTraceLines(p)).as("stack traces in " + p.log()).isEmpty();
            }
            VerifierReport rx = x.verifyLake();
            assertThat(rx.ok()).as(rx.describe()).isTrue();
            assertThat(rx.rows()).isEqualTo(sentX);
            assertThat(toLagZero).isLessThan(Duration.ofSeconds(60));
        }
    }

    /** Partitions of every topic the shared group's members own, 0 while it is not stable. */
    private static int ownedCount(StaticGroupRig rig) {
        try {
            ConsumerGroupDescription d = rig.describe();
            return d.groupState() != GroupState.STABLE ? 0
                    : d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
        } catch (IllegalStateException e) {
            return 0;
        }
    }
}
