package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With {@code MAX_RECORD_BYTES=64KB} a 200 KB record is dead-lettered as {@code record_too_large}, unparsed
 * (parsed, it would be a valid event), and the records around it flow on into the lake.
 */
class RecordSizeCapIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final int AROUND = 50;

    @Test
    void aRecordOverTheCapIsDeadLetteredUnparsedAndTheConsumerKeepsGoing() throws Exception {
        var names = Names.of("size-cap");
        byte[] oversized = RecordSizeCapTest.validEventOf(200 * 1024);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Future<RecordMetadata> big;
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(names.topic(), 2);
            topics.create(names.dlqTopic(), 1);
            STACK.s3().createBucket(names.bucket());
            try (var producer = topics.producer(1 << 20)) {
                for (int i = 0; i < AROUND; i++) {
                    sent.add(producer.send(record(names.topic(), "before-" + i, RecordSizeCapTest.validEventOf(0))));
                }
                big = producer.send(record(names.topic(), "oversized", oversized));
                for (int i = 0; i < AROUND; i++) {
                    sent.add(producer.send(record(names.topic(), "after-" + i, RecordSizeCapTest.validEventOf(0))));
                }
            }
        }
        RecordMetadata where = big.get();

        Map<String, String> env = ConsumerEnv.exitingWhenIdle(STACK, names);
        env.put("MAX_RECORD_BYTES", "64KB");
        SinkSummary summary;
        try (var consumer = InProcessConsumer.start("hostile-consumer", env)) {
            summary = consumer.awaitExit(Duration.ofMinutes(3)).summary();
        }

        assertThat(summary.drainedCleanly()).as("%s", summary).isTrue();
        assertThat(summary.consumed()).as("%s", summary).isEqualTo(2 * AROUND + 1);
        assertThat(summary.valid()).as("%s", summary).isEqualTo(2 * AROUND);
        assertThat(summary.invalid()).as("%s", summary).isEqualTo(1);

        List<ConsumerRecord<byte[], byte[]>> letters;
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.lag(names.topic(), names.group())).isZero();
            letters = topics.readAll(names.dlqTopic());
        }
        assertThat(letters).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_REASON)).isEqualTo("record_too_large");
        assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_FIELD)).isEqualTo("$");
        assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains(Integer.toString(oversized.length), "65536");
        assertThat(KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo(Integer.toString(where.partition()));
        assertThat(KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(where.offset()));
        assertThat(letter.value()).as("forwarded whole: it is under the router's cut").isEqualTo(oversized);
        assertThat(KafkaTopics.header(letter, DeadLetterHeaders.VALUE_TRUNCATED)).isNull();

        try (S3Client s3 = STACK.s3().newClient()) {
            VerifierReport report = LakeVerifier.verify(new LakeVerifier.Target(STACK.kafka().bootstrapServers(),
                    names.topic(), names.dlqTopic(), s3, names.bucket(), names.prefix(), LakeVerifier.HourSource.INGESTED_AT));
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).as(report.describe()).isEqualTo(2 * AROUND);
            assertThat(report.deadLetters()).as(report.describe()).isEqualTo(1);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
