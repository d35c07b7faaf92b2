package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A consumer that stalls past its session timeout with an upload pending (here stopped with SIGSTOP, as a
 * GC pause or a frozen VM would) and then resumes is a zombie: its partition has a new owner, which wrote
 * and committed the same keys with other contents. The zombie's late upload must not replace them:
 * conditional writes (If-None-Match) refuse it, and its offset commit, which alone could prove it owns the
 * partition, is refused too.
 */
class ZombieFencingIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @Test
    void aZombiesLateUploadDoesNotReplaceItsSuccessorsObject() throws Exception {
        var names = Names.of("zombie");
        STACK.kafka().createTopic(names.topic(), 1);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("KAFKA_SESSION_TIMEOUT", "6s");
        try (var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), 1, 1, 7);
                var groups = new KafkaGroups(STACK.kafka().bootstrapServers())) {
            traffic.send(100, 0);
            JarProcess zombie = consumers.start("zombie", env, List.of("-Xmx256m", "-Dclickstream.fault=stall-before-upload:20s"));
            await(() -> zombie.output().contains("stalling"), Duration.ofSeconds(60), zombie);
            signal("STOP", zombie);

            traffic.send(50, 0);
            JarProcess successor = consumers.start("successor", env);
            var partition = new org.apache.kafka.common.TopicPartition(names.topic(), 0);
            await(() -> groups.committed(names.group()).getOrDefault(partition, 0L) == 150, Duration.ofSeconds(90), successor);
            Path lake = STACK.lakeDir().resolve(names.bucket()).resolve(names.prefix());
            List<Path> files = parquetFiles(lake);
            assertThat(files).hasSize(1);
            byte[] successorsObject = Files.readAllBytes(files.get(0));

            signal("CONT", zombie);
            // The stalled upload wakes and tries the key its successor wrote: refused, and said so.
            await(() -> zombie.output().contains("holds another writer's object"), Duration.ofSeconds(60), zombie);

            assertThat(parquetFiles(lake)).as("no second object for the partition").isEqualTo(files);
            assertThat(Files.readAllBytes(files.get(0))).as("the successor's object, untouched").isEqualTo(successorsObject);
            successor.terminate();
            assertThat(successor.awaitExit(Duration.ofSeconds(60))).isZero();
            try (S3Client s3 = STACK.s3().newClient()) {
                VerifierReport report = LakeVerifier.verify(new LakeVerifier.Target(STACK.kafka().bootstrapServers(),
                        names.topic(), names.dlqTopic(), s3, names.bucket(), names.prefix(), LakeVerifier.HourSource.INGESTED_AT));
                assertThat(report.ok()).as(report.describe()).isTrue();
                assertThat(report.rows()).as(report.describe()).isEqualTo(150);
            }
        }
    }

    private static List<Path> parquetFiles(Path lake) throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static void signal(String signal, JarProcess process) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.process().pid())).inheritIO().start().waitFor();
        assertThat(exit).as("kill -%s", signal).isZero();
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
