package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dead letter the dead-letter topic refuses for good (here: larger than the topic's max.message.bytes)
 * must not send the partition into a replay loop. DLQ_FAILURE=fail (the default) stops the consumer with
 * exit 1 naming the record, nothing committed past it; DLQ_FAILURE=skip logs it and goes on. A record's
 * own headers are capped and renamed where they look like ours.
 */
class DeadLetterFailureIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    private static final int BEFORE = 30;
    private static final int AFTER = 30;

    /**
     * A topic of valid events around one invalid 4 KB record of random bytes, and a dead-letter topic that takes
     * 2 KB at most (the dead-letter producer compresses: repeated bytes would fit).
     */
    private static RecordMetadata trafficAroundAnInvalidRecord(Names names) throws Exception {
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(names.topic(), 1);
            topics.create(names.dlqTopic(), 1, 2048);
            STACK.s3().createBucket(names.bucket());
            try (var producer = topics.producer(1 << 20)) {
                for (int i = 0; i < BEFORE; i++) {
                    producer.send(record(names.topic(), RecordSizeCapTest.validEventOf(0)));
                }
                byte[] noise = new byte[4096];
                new java.util.Random(7).nextBytes(noise);
                var bad = producer.send(record(names.topic(), noise));
                for (int i = 0; i < AFTER; i++) {
                    producer.send(record(names.topic(), RecordSizeCapTest.validEventOf(0)));
                }
                return bad.get();
            }
        }
    }

    @Test
    void aRefusedDeadLetterStopsTheConsumerWithExitOneNamingItAndCommitsNothingPastIt() throws Exception {
        var names = Names.of("dlq-refused-fail");
        RecordMetadata bad = trafficAroundAnInvalidRecord(names);
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("EXIT_WHEN_IDLE", "5s");

        JarProcess consumer = consumers.start("dlq-refused-fail", env);

        assertThat(consumer.awaitExit(Duration.ofSeconds(90))).as(consumer.tail(30)).isEqualTo(1);
        String where = names.topic() + "-0@" + bad.offset();
        assertThat(consumer.output()).contains("stopping: the dead-letter topic refused the dead letter of " + where,
                "DLQ_FAILURE=fail", "NOT everything committed", "not committed: " + names.topic() + "-0 offsets");
        assertThat(consumer.lines()).filteredOn(l -> l.contains("replaying")).as("no replay loop").isEmpty();
        StartupTimeoutIT.assertNoStackTrace(consumer.output());
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.committed(names.topic(), names.group()).get(0)).isLessThanOrEqualTo(bad.offset());
        }
    }

    @Test
    void withDlqFailureSkipTheRefusedDeadLetterIsLoggedWithItsCoordinatesAndEverythingElseIsCommitted() throws Exception {
        var names = Names.of("dlq-refused-skip");
        RecordMetadata bad = trafficAroundAnInvalidRecord(names);
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("EXIT_WHEN_IDLE", "5s");
        env.put("DLQ_FAILURE", "skip");

        JarProcess consumer = consumers.start("dlq-refused-skip", env);

        assertThat(consumer.awaitExit(Duration.ofSeconds(90))).as(consumer.tail(30)).isZero();
        assertThat(consumer.output()).contains("refused the dead letter of " + names.topic() + "-0@" + bad.offset(),
                "skipped (DLQ_FAILURE=skip)", "everything committed");
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.lag(names.topic(), names.group())).isZero();
        }
    }

    @Test
    void aRecordsOwnHeadersAreCappedAndThoseNamedLikeOursAreRenamed() throws Exception {
        var names = Names.of("dlq-headers");
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(names.topic(), 1, 4 << 20);
            topics.create(names.dlqTopic(), 1);
            STACK.s3().createBucket(names.bucket());
            try (var producer = topics.producer(4 << 20)) {
                var headers = new RecordHeaders();
                headers.add("error.reason", "forged".getBytes(StandardCharsets.UTF_8));
                headers.add("source.offset", "424242".getBytes(StandardCharsets.UTF_8));
                headers.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 12; i++) {
                    headers.add("bulk-" + i, new byte[100 * 1024]);
                }
                producer.send(new ProducerRecord<>(names.topic(), null, null, "k".getBytes(StandardCharsets.UTF_8),
                        "{broken".getBytes(StandardCharsets.UTF_8), headers)).get();
            }
        }
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("EXIT_WHEN_IDLE", "5s");

        JarProcess consumer = consumers.start("dlq-headers", env);

        assertThat(consumer.awaitExit(Duration.ofSeconds(90))).as(consumer.tail(30)).isZero();
        List<ConsumerRecord<byte[], byte[]>> letters;
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            letters = topics.readAll(names.dlqTopic());
        }
        assertThat(letters).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_REASON)).isEqualTo("malformed_json");
        assertThat(KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(KafkaTopics.header(letter, "original.error.reason")).isEqualTo("forged");
        assertThat(KafkaTopics.header(letter, "original.source.offset")).isEqualTo("424242");
        assertThat(KafkaTopics.header(letter, "trace-id")).isEqualTo("t-1");
        assertThat(Integer.parseInt(KafkaTopics.header(letter, DeadLetterHeaders.HEADERS_DROPPED))).isPositive();
        long forwarded = 0;
        for (var h : letter.headers()) {
            forwarded += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        assertThat(forwarded).as("headers forwarded in all").isLessThan(80 * 1024);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), value);
    }
}
