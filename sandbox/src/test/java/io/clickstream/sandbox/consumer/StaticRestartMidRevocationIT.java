package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.Names;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A static member (KAFKA_GROUP_INSTANCE_ID) that dies while it gives up a partition in a cooperative
 * rebalance, and is restarted in place within its session timeout, gets back the assignment the group
 * computed for it, without the partition it was giving up. Kafka's classic protocol leaves that partition to
 * a second rebalance, which only the member that gave it up asks for; the dead one cannot, and its
 * successor never gave anything up. Nothing else changes in the group, so no rebalance ever comes and the
 * partition has no owner: its records are never written. Seen in {@code ChaosIT} (seed 20260128: 524
 * records not committed for 90 s, four consumers alive). The restarted consumer must ask for that rebalance
 * itself. The joiner is a dynamic member, which asks for no rebalance of its own. Under the consumer protocol (KIP-848) the broker reconciles, and the same restart must leave no
 * partition without an owner either.
 */
class StaticRestartMidRevocationIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @ParameterizedTest(name = "KAFKA_GROUP_PROTOCOL={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void aStaticMemberRestartedAfterDyingMidRevocationLeavesNoPartitionWithoutAnOwner(String protocol) throws Exception {
        var names = Names.of("static-mid-revocation-" + protocol);
        STACK.kafka().createTopic(names.topic(), 2);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        // Nothing is uploaded until a revocation flushes: the only upload of the first run is the revocation's.
        env.put("BATCH_MAX_RECORDS", "1000000");
        env.put("BATCH_MAX_AGE", "6h");
        // Long enough that the restart is in place (the group keeps the dead member's slot meanwhile).
        env.put("KAFKA_GROUP_PROTOCOL", protocol);
        env.put("KAFKA_SESSION_TIMEOUT", "60s");
        try (var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), 2, 1, 11);
                var groups = new KafkaGroups(STACK.kafka().bootstrapServers())) {
            JarProcess first = consumers.start("a-first", withInstance(env, "a"),
                    List.of("-Xmx256m", "-Dclickstream.fault=halt-after-upload:1"));
            groups.awaitStable(names.group(), 1, 2, Duration.ofSeconds(60));
            // Sent after the assignment, by a's own log (the broker's view can be ahead of its callback): a backlog
            // found at the assignment is flushed as soon as it is read.
            await(() -> first.partitionsHeld(names.topic()).size() == 2, Duration.ofSeconds(60), first);
            TestTraffic.Sent sent = traffic.send(400, 0);
            await(() -> first.output().contains("consumed=" + sent.total()), Duration.ofSeconds(60), first);

            // b joins, a dynamic member (which asks for no rebalance of its own); a gives one partition up, flushes
            // it to S3 and halts before committing it.
            JarProcess b = consumers.start("b", env, List.of("-Xmx256m"));
            assertThat(first.awaitExit(Duration.ofSeconds(60))).as("a halted by its fault hook:\n%s", first.tail(20))
                    .isNotZero();
            assertThat(first.output()).contains("halting the JVM after uploading");

            JarProcess again = consumers.start("a-again", withInstance(env, "a"), List.of("-Xmx256m"));
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(45),
                    () -> again.isAlive() && b.isAlive());
            if (protocol.equals("classic")) {
                assertThat(again.output()).as("the restart found the partition without an owner")
                        .containsPattern("partitions \\[[01]\\] of " + names.topic() + " have no owner in the group");
            }

            again.terminate();
            b.terminate();
            assertThat(again.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(b.awaitExit(Duration.ofSeconds(60))).isZero();
            VerifierReport report = Lake.verify(STACK, names, true);
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).as(report.describe()).isEqualTo(sent.valid());
        }
    }

    private static Map<String, String> withInstance(Map<String, String> env, String instanceId) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put("KAFKA_GROUP_INSTANCE_ID", instanceId);
        return copy;
    }

    private static void await(BooleanSupplier condition, Duration timeout, JarProcess watched) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + "; tail of " + watched.log() + ":\n" + watched.tail(30));
            }
            Thread.sleep(250);
        }
    }
}
