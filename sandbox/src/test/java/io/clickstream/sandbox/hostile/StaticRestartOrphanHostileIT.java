package io.clickstream.sandbox.hostile;

import static io.clickstream.sandbox.hostile.StaticGroupRig.ENFORCE_LINE;
import static io.clickstream.sandbox.hostile.StaticGroupRig.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Harder cases of a static member that dies while giving partitions up and is restarted in place, than
 * {@code StaticRestartMidRevocationIT}'s. There the joiner is a static member too, and its own first-assignment
 * rebalance (asked for before the dying member halted) is the one the restart completes; here the joiner is a
 * dynamic member, which asks for nothing, so only the restarted member's own request can give the orphaned
 * partitions an owner. Also: two static members dying mid-revocation at once, both restarted in place.
 */
class StaticRestartOrphanHostileIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    private static final List<String> HALT_AFTER_FIRST_UPLOAD = List.of("-Xmx256m", "-Dclickstream.fault=halt-after-upload:1");

    @ParameterizedTest(name = "KAFKA_GROUP_PROTOCOL={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void aDynamicJoinerAsksForNothingSoTheRestartedStaticMemberMustHandOnWhatItsPredecessorWasGivingUp(String protocol)
            throws Exception {
        try (var rig = new StaticGroupRig(STACK, "orphan-dynamic-joiner-" + protocol, 6)) {
            Map<String, String> a = rig.env(protocol, "a", "60s");
            a.put("BATCH_MAX_RECORDS", "1000000");
            a.put("BATCH_MAX_AGE", "6h");
            Map<String, String> b = rig.env(protocol, null, "60s");

            JarProcess first = consumers.start("orphan-" + protocol + "-a-first", a, HALT_AFTER_FIRST_UPLOAD);
            rig.awaitStable(1, Duration.ofSeconds(60));
            rig.awaitHeld(first, 6);
            long sent = rig.send(600);
            StaticGroupRig.await(() -> first.output().contains("consumed=" + sent + " "), Duration.ofSeconds(60),
                    () -> "a consumed everything; " + rig.describeShort() + ":\n" + first.tail(20));

            // b (dynamic) joins; a gives three partitions up, uploads the first and halts before committing it.
            JarProcess joiner = consumers.start("orphan-" + protocol + "-b-dynamic", b, List.of("-Xmx256m"));
            assertThat(first.awaitExit(Duration.ofSeconds(60))).as(first.tail(20)).isEqualTo(137);
            Thread.sleep(3000);
            String before = rig.describeShort();

            long restartedAt = System.nanoTime();
            JarProcess again = consumers.start("orphan-" + protocol + "-a-again", a, List.of("-Xmx256m"));
            Duration toLagZero = rig.awaitCommittedToEnd(Duration.ofSeconds(60), () -> again.isAlive() && joiner.isAlive());
            System.out.printf("HOSTILE %s dynamic joiner: group 3 s after the halt %s; restart to lag 0: %d ms%n",
                    protocol, before, Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());

            assertThat(count(again, ENFORCE_LINE)).as("the restart's request").isEqualTo(protocol.equals("classic") ? 1 : 0);
            assertThat(count(joiner, ENFORCE_LINE)).as("a dynamic member asks for nothing").isZero();
            again.terminate();
            joiner.terminate();
            assertThat(again.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(joiner.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(StaticGroupRig.stackTraceLines(again)).as("stack traces in the restart's log").isEmpty();
            assertThat(StaticGroupRig.stackTraceLines(joiner)).as("stack traces in the joiner's log").isEmpty();
            VerifierReport report = rig.verifyLake();
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).as(report.describe()).isEqualTo(sent);
            assertThat(toLagZero).isLessThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void twoStaticMembersDyingMidRevocationAtOnceAndBothRestartedInPlaceLeaveNoPartitionWithoutAnOwner() throws Exception {
        try (var rig = new StaticGroupRig(STACK, "orphan-two-at-once", 6)) {
            Map<String, String> a = rig.env("classic", "a", "60s");
            a.put("BATCH_MAX_RECORDS", "1000000");
            a.put("BATCH_MAX_AGE", "6h");
            Map<String, String> b = new java.util.HashMap<>(a);
            b.put("KAFKA_GROUP_INSTANCE_ID", "b");
            b.put("SPOOL_DIR", io.clickstream.sandbox.testing.ConsumerEnv.newSpoolDir().toString());
            Map<String, String> c = rig.env("classic", null, "60s");

            // a and b share the partitions before anything is sent: no revocation of theirs has anything to upload yet.
            JarProcess aFirst = consumers.start("two-a-first", a, HALT_AFTER_FIRST_UPLOAD);
            rig.awaitStable(1, Duration.ofSeconds(60));
            JarProcess bFirst = consumers.start("two-b-first", b, HALT_AFTER_FIRST_UPLOAD);
            rig.awaitStable(2, Duration.ofSeconds(60));
            Thread.sleep(2000);
            rig.awaitStable(2, Duration.ofSeconds(30));
            rig.awaitHeld(aFirst, 3);
            rig.awaitHeld(bFirst, 3);
            long sent = rig.send(600);
            StaticGroupRig.await(() -> aFirst.output().contains("consumed=300 ") && bFirst.output().contains("consumed=300 "),
                    Duration.ofSeconds(60), () -> "a and b consumed their halves: " + rig.describeShort()
                            + "\n" + aFirst.tail(10) + "\n" + bFirst.tail(10));

            // c (dynamic) joins: a and b each give one partition up, upload it, and halt before committing.
            JarProcess joiner = consumers.start("two-c-dynamic", c, List.of("-Xmx256m"));
            assertThat(aFirst.awaitExit(Duration.ofSeconds(60))).as(aFirst.tail(20)).isEqualTo(137);
            assertThat(bFirst.awaitExit(Duration.ofSeconds(60))).as(bFirst.tail(20)).isEqualTo(137);
            Thread.sleep(2000);
            String before = rig.describeShort();

            long restartedAt = System.nanoTime();
            Map<String, String> aAgain = new java.util.HashMap<>(a);
            Map<String, String> bAgain = new java.util.HashMap<>(b);
            aAgain.put("BATCH_MAX_AGE", "1s");
            bAgain.put("BATCH_MAX_AGE", "1s");
            JarProcess aRe = consumers.start("two-a-again", aAgain, List.of("-Xmx256m"));
            JarProcess bRe = consumers.start("two-b-again", bAgain, List.of("-Xmx256m"));
            rig.awaitCommittedToEnd(Duration.ofSeconds(60), () -> aRe.isAlive() && bRe.isAlive() && joiner.isAlive());
            System.out.printf("HOSTILE two at once: group 2 s after both halted %s; restarts to lag 0: %d ms; after: %s%n",
                    before, Duration.ofNanos(System.nanoTime() - restartedAt).toMillis(), rig.describeShort());

            // The first restart to ask the coordinator finds the orphans and asks for the rebalance; the other finds
            // them too, or already owned by then.
            assertThat(count(aRe, ENFORCE_LINE) + count(bRe, ENFORCE_LINE)).isBetween(1L, 2L);
            assertThat(count(joiner, ENFORCE_LINE)).isZero();
            for (JarProcess p : List.of(aRe, bRe, joiner)) {
                p.terminate();
            }
            for (JarProcess p : List.of(aRe, bRe, joiner)) {
                assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.tail(20)).isZero();
                assertThat(StaticGroupRig.stackTraceLines(p)).as("stack traces in " + p.log()).isEmpty();
            }
            VerifierReport report = rig.verifyLake();
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).as(report.describe()).isEqualTo(sent);
        }
    }
}
