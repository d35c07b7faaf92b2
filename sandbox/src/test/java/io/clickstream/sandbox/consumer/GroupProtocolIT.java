package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A static member killed with {@code kill -9} and restarted with the same {@code KAFKA_GROUP_INSTANCE_ID} (a
 * container restarted in place), under both group protocols, on the real broker. Classic: the restart replaces the
 * dead member at once. Consumer (KIP-848): the broker would refuse the id until the dead member's session expires
 * ({@code UnreleasedInstanceIdException}, fatal to the Kafka client), so the consumer's start-up removes the member
 * holding its id from the group first, and takes its place as under classic; a holder that was only frozen stops
 * when it wakes. Its {@code KAFKA_SESSION_TIMEOUT} is the group's session timeout.
 */
class GroupProtocolIT {
    private static final int PARTITIONS = 3;

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses processes = JarProcesses.consumer();

    @Test
    void underTheConsumerProtocolARestartWithAKilledMembersInstanceIdRemovesTheDeadMemberAndTakesItsPartitionsWithoutWaitingForTheSession()
            throws Exception {
        Names names = Names.of("protocol-consumer");
        // A session far longer than a restart takes: were the restart to wait for the dead member's, it would
        // wait this long.
        Map<String, String> env = env(names, "consumer", "50s");
        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), PARTITIONS, 1, 848)) {
            var first = processes.start(names.topic() + "-first", env);
            groups.awaitStable(names.group(), 1, PARTITIONS, Duration.ofSeconds(60));
            assertThat(groups.groupConfig(names.group(), "consumer.session.timeout.ms"))
                    .as("KAFKA_SESSION_TIMEOUT as the group's own session timeout").isEqualTo("50000");
            TestTraffic.Sent sent = traffic.send(3000, 50);
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), first::isAlive);
            first.kill();

            TestTraffic.Sent more = traffic.send(2000, 50);
            long restarted = System.nanoTime();
            var restart = processes.start(names.topic() + "-restart", StaticMemberEnv.withIdleExit(env));
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), restart::isAlive);
            Duration recovered = Duration.ofNanos(System.nanoTime() - restarted);
            System.out.printf("GroupProtocolIT consumer: same-id restart to everything committed in %d ms%n",
                    recovered.toMillis());
            assertThat(recovered).as("from the restart's launch to everything committed (session timeout 50 s)")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(restart.awaitExit(Duration.ofSeconds(60))).as("exit code of the restart; log tail:%n%s",
                    restart.tail(30)).isZero();

            assertThat(restart.output())
                    .as("the restart removed the killed member holding its id instead of crashing on it or waiting")
                    .contains("instance id " + names.topic() + "-member was held by member")
                    .contains("removed it from group " + names.group())
                    .doesNotContain("UnreleasedInstanceIdException")
                    .doesNotContain("\tat org.apache.kafka");
            assertThat(groups.committed(names.group())).as("committed = end offsets")
                    .isEqualTo(groups.endOffsets(names.topic()));
            VerifierReport report = Lake.verify(STACK, names, true);
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).isEqualTo(sent.valid() + more.valid());
        }
    }

    @Test
    void underTheConsumerProtocolAFrozenMemberWhoseIdARestartTookStopsWhenItWakesAndTheLakeStaysExact()
            throws Exception {
        Names names = Names.of("protocol-frozen");
        Map<String, String> env = env(names, "consumer", "50s");
        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), PARTITIONS, 1, 850)) {
            var first = processes.start(names.topic() + "-first", env);
            groups.awaitStable(names.group(), 1, PARTITIONS, Duration.ofSeconds(60));
            TestTraffic.Sent sent = traffic.send(3000, 50);
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), first::isAlive);
            signal(first, "STOP");

            TestTraffic.Sent more = traffic.send(2000, 50);
            var restart = processes.start(names.topic() + "-restart", env);
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), restart::isAlive);
            signal(first, "CONT");
            assertThat(first.awaitExit(Duration.ofSeconds(60)))
                    .as("the woken member stops, its id taken; log tail:%n%s", first.tail(30)).isNotZero();
            assertThat(first.output()).contains("it took over this one's partitions, and this one stops");
            assertThat(restart.isAlive()).as("the restart keeps running; log tail:%n%s", restart.tail(30)).isTrue();

            TestTraffic.Sent last = traffic.send(1000, 50);
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), restart::isAlive);
            restart.terminate();
            assertThat(restart.awaitExit(Duration.ofSeconds(60))).as("exit code of the restart; log tail:%n%s",
                    restart.tail(30)).isZero();
            VerifierReport report = Lake.verify(STACK, names, true);
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).isEqualTo(sent.valid() + more.valid() + last.valid());
        }
    }

    private static void signal(JarProcesses.JarProcess process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.process().pid())).start();
        assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
    }

    @Test
    void underTheClassicProtocolARestartWithAKilledMembersInstanceIdTakesItsPartitionsBackWithoutWaitingForTheSession()
            throws Exception {
        Names names = Names.of("protocol-classic");
        // A session far longer than a restart takes: were the restart a new member, it would wait this long.
        Map<String, String> env = env(names, "classic", "120s");
        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), PARTITIONS, 1, 849)) {
            var first = processes.start(names.topic() + "-first", env);
            groups.awaitStable(names.group(), 1, PARTITIONS, Duration.ofSeconds(60));
            TestTraffic.Sent sent = traffic.send(3000, 50);
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), first::isAlive);
            first.kill();

            TestTraffic.Sent more = traffic.send(2000, 50);
            long restarted = System.nanoTime();
            var restart = processes.start(names.topic() + "-restart", StaticMemberEnv.withIdleExit(env));
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), restart::isAlive);
            Duration recovered = Duration.ofNanos(System.nanoTime() - restarted);
            System.out.printf("GroupProtocolIT classic: same-id restart to everything committed in %d ms%n",
                    recovered.toMillis());
            assertThat(recovered).as("from the restart's launch to everything committed (session timeout 120 s)")
                    .isLessThan(Duration.ofSeconds(60));
            assertThat(restart.awaitExit(Duration.ofSeconds(60))).as("exit code of the restart; log tail:%n%s",
                    restart.tail(30)).isZero();
            assertThat(restart.output()).doesNotContain("not free");
            VerifierReport report = Lake.verify(STACK, names, true);
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).isEqualTo(sent.valid() + more.valid());
        }
    }

    private static Map<String, String> env(Names names, String protocol, String sessionTimeout) {
        return StaticMemberEnv.of(STACK, names, PARTITIONS, protocol, sessionTimeout);
    }
}
