package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM (docker stop, Ctrl-C) is a clean stop: the consumer flushes the files it holds open, uploads
 * them, commits, and exits 0 within SHUTDOWN_TIMEOUT.
 */
class GracefulShutdownIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses processes = JarProcesses.consumer();

    private static final Pattern CONSUMED = Pattern.compile("progress: consumed=(\\d+) ");
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void sigtermFlushesOpenFilesUploadsCommitsAndExitsZero() throws Exception {
        var names = Names.of("graceful");
        STACK.kafka().createTopic(names.topic(), 3);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        // Nothing closes a file on its own: whatever reaches S3 was flushed by the shutdown.
        env.put("BATCH_MAX_AGE", "10m");
        env.put("BATCH_MAX_RECORDS", "1000000");
        env.put("SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s");
        // The traffic interleaves three hours in every partition, so with hour markers on the oldest hour is sealed
        // mid-way and its later records go under late/ (HourMarkersIT's subject). Off, the routing is as it always
        // was: exactly one file per (partition, hour), and nothing else in the lake.
        env.put("HOUR_MARKERS", "false");

        var consumer = processes.start("graceful", env);
        // The traffic comes after the assignment: records already there when a partition is assigned are a backlog,
        // which the consumer commits as soon as it has read it (see Deliveries#assigned), without a shutdown.
        long assignedBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!consumer.output().contains("SinkLoop - assigned")) {
            assertThat(consumer.isAlive()).as("consumer alive; log tail:%n%s", consumer.tail(30)).isTrue();
            assertThat(System.nanoTime()).as("the consumer was assigned its partitions within 60 s").isLessThan(assignedBy);
            Thread.sleep(100);
        }
        TestTraffic.Sent sent;
        try (var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), 3, 3, 41)) {
            sent = traffic.send(3000, 97);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumed(consumer).orElse(-1) < sent.total()) {
            assertThat(consumer.isAlive()).as("consumer alive; log tail:%n%s", consumer.tail(30)).isTrue();
            assertThat(System.nanoTime()).as("the consumer consumed all %d records within 60 s", sent.total())
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers())) {
            assertThat(Lake.list(STACK, names)).as("objects before SIGTERM: all files are still open").isEmpty();
            assertThat(groups.committed(names.group())).as("offsets committed before SIGTERM").isEmpty();

            long start = System.nanoTime();
            consumer.terminate();
            int exit = consumer.awaitExit(SHUTDOWN_TIMEOUT.plusSeconds(10));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("GracefulShutdownIT: exit %d %d ms after SIGTERM%n", exit, took.toMillis());

            assertThat(exit).as("exit code after SIGTERM; log tail:%n%s", consumer.tail(30)).isZero();
            assertThat(took).isLessThan(SHUTDOWN_TIMEOUT);
            assertThat(consumer.output()).contains("shutdown requested", "everything committed");
            assertThat(groups.committed(names.group())).as("committed = end offsets")
                    .isEqualTo(groups.endOffsets(names.topic()));
        }
        assertThat(Lake.list(STACK, names)).as("one file per (partition, hour)").hasSize(9);
        VerifierReport report = Lake.verify(STACK, names, true);
        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(report.rows()).isEqualTo(sent.valid());
        assertThat(report.deadLetters()).isEqualTo(sent.invalid());
    }

    private static OptionalLong consumed(JarProcesses.JarProcess consumer) {
        return consumer.lastLine(l -> l.contains("progress: consumed=")).map(line -> {
            Matcher m = CONSUMED.matcher(line);
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        }).orElse(OptionalLong.empty());
    }
}
