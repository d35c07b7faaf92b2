package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A record whose Kafka timestamp is before KAFKA_TIMESTAMP_MIN is a dead letter, never a year=1970 folder. */
class KafkaTimestampMinIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @Test
    void recordsStampedIn1970AreDeadLetteredWithTheirOwnReason() throws Exception {
        var names = Names.of("ts-min");
        long epochish = Instant.parse("1970-01-01T00:00:05Z").toEpochMilli();
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.createWithDeadLettersAndBucket(names, 1, STACK.s3());
            try (var producer = topics.producer(1 << 20)) {
                for (int i = 0; i < 20; i++) {
                    long timestamp = i % 4 == 0 ? epochish : System.currentTimeMillis();
                    producer.send(new ProducerRecord<>(names.topic(), 0, timestamp, "k".getBytes(StandardCharsets.UTF_8),
                            RecordSizeCapTest.validEventOf(0))).get();
                }
            }
        }
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("EXIT_WHEN_IDLE", "5s");

        JarProcess consumer = consumers.start("ts-min", env);

        assertThat(consumer.awaitExit(Duration.ofSeconds(90))).as(consumer.tail(30)).isZero();
        Path lake = STACK.lakeDir().resolve(names.bucket()).resolve(names.prefix());
        try (Stream<Path> files = Files.walk(lake)) {
            List<String> keys = files.filter(Files::isRegularFile).map(p -> lake.relativize(p).toString()).toList();
            assertThat(keys).isNotEmpty().noneMatch(k -> k.contains("year=1970"));
        }
        List<ConsumerRecord<byte[], byte[]>> letters;
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            letters = topics.readAll(names.dlqTopic());
        }
        assertThat(letters).hasSize(5).allSatisfy(letter -> {
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_REASON)).isEqualTo("kafka_timestamp_too_old");
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_TIMESTAMP)).isEqualTo(Long.toString(epochish));
        });
    }
}
