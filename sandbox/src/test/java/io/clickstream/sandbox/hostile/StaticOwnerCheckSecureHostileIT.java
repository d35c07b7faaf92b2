package io.clickstream.sandbox.hostile;

import static io.clickstream.sandbox.hostile.StaticGroupRig.ENFORCE_LINE;
import static io.clickstream.sandbox.hostile.StaticGroupRig.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.kafka.KafkaClientProperties;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.embedded.SecureListener;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner check of a static classic member ({@code StaticRestartRebalance}) against a SASL_SSL broker: its
 * short-lived Admin client must authenticate with the user's KAFKA_CLIENT_* settings (else every start would
 * fall back to asking for a rebalance), print no credential, and leave no thread behind.
 */
class StaticOwnerCheckSecureHostileIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = EmbeddedStackExtension.secureKafka();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @TempDir
    Path dir;

    private static final String COULD_NOT_ASK = "could not ask the group's coordinator";

    @Test
    void theOwnerCheckAuthenticatesWithTheUsersSaslSettingsAsksNothingLeaksNothingAndEnds() throws Exception {
        SecureListener listener = STACK.kafka().secureListener().orElseThrow();
        try (var rig = new StaticGroupRig(STACK, "owner-check-secure", 3)) {
            Map<String, String> a = rig.env("classic", "a", "30s");
            a.put("KAFKA_BROKER", listener.bootstrapServers());
            listener.clientProperties().forEach((k, v) -> a.put(KafkaClientProperties.variableName(k), v));

            JarProcess first = consumers.start("owner-secure-a-first", a, List.of("-Xmx256m"));
            rig.awaitStable(1, Duration.ofSeconds(60));
            long sent = rig.send(300);
            rig.awaitCommittedToEnd(Duration.ofSeconds(60), first::isAlive);
            // The check thread and its Admin client's network thread end once the answer is in.
            List<String> left = awaitThreadsGone(first, Duration.ofSeconds(20));
            System.out.printf("HOSTILE secure owner check: threads left after the check: %s%n", left);
            assertThat(left).as("check threads still alive in the consumer").isEmpty();
            assertThat(first.output()).as("the Admin check must authenticate, not fall back")
                    .doesNotContain(COULD_NOT_ASK).doesNotContain(ENFORCE_LINE);

            // Restarted in place with the check's debug line on: the coordinator answered over SASL_SSL.
            first.kill();
            Path logback = Files.writeString(dir.resolve("logback.xml"), """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="io.clickstream" level="INFO"/>
                      <logger name="io.clickstream.consumer.kafka.StaticRestartRebalance" level="DEBUG"/>
                      <logger name="org.apache.kafka.clients.admin.AdminClientConfig" level="INFO"/>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """, StandardCharsets.UTF_8);
            JarProcess again = consumers.start("owner-secure-a-again", a,
                    List.of("-Xmx256m", "-Dlogback.configurationFile=" + logback));
            StaticGroupRig.await(() -> again.output().contains("every partition of " + rig.names.topic() + " has an owner")
                    || again.output().contains(COULD_NOT_ASK), Duration.ofSeconds(60), () -> "the check's answer:\n" + again.tail(30));
            long sentAgain = rig.send(300);
            rig.awaitCommittedToEnd(Duration.ofSeconds(60), again::isAlive);
            List<String> leftAgain = awaitThreadsGone(again, Duration.ofSeconds(20));
            again.terminate();
            assertThat(again.awaitExit(Duration.ofSeconds(60))).as(again.tail(20)).isZero();

            String out = first.output() + again.output();
            System.out.printf("HOSTILE secure owner check: answer line: %s; enforce lines %d; AdminClientConfig dumps %d%n",
                    again.lastLine(l -> l.contains("StaticRestartRebalance")).orElse("(none)"), count(again, ENFORCE_LINE),
                    count(again, "AdminClientConfig values"));
            assertThat(again.output()).doesNotContain(COULD_NOT_ASK)
                    .contains("every partition of " + rig.names.topic() + " has an owner");
            assertThat(count(again, ENFORCE_LINE)).isZero();
            assertThat(leftAgain).isEmpty();
            assertThat(out).as("the SCRAM password").doesNotContain(listener.password());
            assertThat(StaticGroupRig.stackTraceLines(first)).isEmpty();
            assertThat(StaticGroupRig.stackTraceLines(again)).isEmpty();
            assertThat(rig.verifyLake().rows()).isEqualTo(sent + sentAgain);
        }
    }

    /** Waits until the consumer has no "group-owners-check" or owner-check Admin thread; returns those left. */
    static List<String> awaitThreadsGone(JarProcess process, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> left;
        do {
            left = checkThreads(process.process().pid());
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return left;
    }

    static List<String> checkThreads(long pid) throws IOException, InterruptedException {
        Process jstack = new ProcessBuilder("jstack", Long.toString(pid)).redirectErrorStream(true).start();
        String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jstack.waitFor(30, TimeUnit.SECONDS);
        if (!dump.contains("Full thread dump")) {
            throw new IllegalStateException("no thread dump of " + pid + ": " + dump);
        }
        return dump.lines().filter(l -> l.startsWith("\"")).filter(l -> l.contains("group-owners-check")
                || l.contains("clickstream-owners")).toList();
    }
}
