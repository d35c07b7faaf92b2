package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BATCH_MAX_AGE is a promise about latency: a partition that goes quiet after a handful of records
 * still gets its files into S3 and its offsets committed, without waiting for more traffic.
 */
class IdlePartitionIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final Duration MAX_AGE = Duration.ofSeconds(3);
    private static final Duration SLACK = Duration.ofSeconds(5);

    @Test
    void aHandfulOfRecordsInAQuietPartitionReachS3WithinTheMaxAge() throws Exception {
        var names = Names.of("idle");
        STACK.kafka().createTopic(names.topic(), 3);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("BATCH_MAX_AGE", MAX_AGE.toSeconds() + "s");

        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var consumer = InProcessConsumer.start("idle-consumer", env);
                var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), 1, 3, 21)) {
            // Measure from the first send, so the consumer's join is not counted against it.
            groups.awaitStable(names.group(), 1, 3, Duration.ofSeconds(30));

            long start = System.nanoTime();
            for (int n = 0; n < 6; n++) {
                traffic.sendOne(new ProducerRecord<>(names.topic(), 1, traffic.timestampOf(n).toEpochMilli(),
                        ("session-" + n).getBytes(StandardCharsets.UTF_8), traffic.validValue(traffic.timestampOf(n))));
            }
            // Six records over three hours of one partition: one generation of three files.
            Map<String, ?> objects = Map.of();
            long deadline = start + MAX_AGE.plus(SLACK).toNanos();
            while (objects.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                objects = Lake.list(STACK, names);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(objects).as("objects in S3 %s after the sends; the consumer is %s", took, consumer.outcome())
                    .hasSize(3);
            assertThat(took).isLessThan(MAX_AGE.plus(SLACK));
            System.out.printf("IdlePartitionIT: the quiet partition's 3 files were in S3 %d ms after the first send%n",
                    took.toMillis());
            assertThat(objects.keySet()).allMatch(key -> key.contains("-" + names.topic() + "-1-"));

            // And its offsets are committed without any further traffic.
            groups.awaitCommittedToEnd(names.topic(), names.group(), SLACK, consumer::isRunning);
            consumer.stop(Duration.ofSeconds(30));
        }

        VerifierReport report = Lake.verify(STACK, names, true);
        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(report.rows()).isEqualTo(6);
        assertThat(report.files()).isEqualTo(3);
    }
}
