package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invalid records never block a partition: they go to the dead-letter topic as they came (key, value,
 * headers) plus headers saying why and where from, or, with {@code DLQ_TOPIC} empty, they are skipped,
 * and either way the group commits past them.
 */
class DeadLetterIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final int PARTITIONS = 3;

    /** One invalid record value, and what the consumer must say about it. */
    private record BadRecord(String name, byte[] value, String reason, String field) {
    }

    private static final List<BadRecord> BAD = List.of(
            new BadRecord("truncated", bytes("{\"user_id\": "), "malformed_json", "$"),
            new BadRecord("array", bytes("[1, 2, 3]"), "not_an_object", "$"),
            new BadRecord("tombstone", null, "empty_record", "$"),
            new BadRecord("unknown-type", event("\"teleport\"", "\"2026-01-19T10:00:00Z\"", "\"https://shop.example.com/\"",
                    "\"10.0.0.1\""), "unknown_event_type", "event_type"),
            new BadRecord("bad-time", event("\"click\"", "\"yesterday\"", "\"https://shop.example.com/\"", "\"10.0.0.1\""),
                    "invalid_timestamp", "timestamp"),
            new BadRecord("no-url", event("\"click\"", "\"2026-01-19T10:00:00Z\"", "null", "\"10.0.0.1\""),
                    "missing_field", "page_url"),
            new BadRecord("bad-ip", event("\"click\"", "\"2026-01-19T10:00:00Z\"", "\"https://shop.example.com/\"",
                    "\"999.1.1.1\""), "invalid_ip", "ip_address"));

    /** Where a bad record landed in the source topic. */
    private record Sent(BadRecord bad, RecordMetadata where, long timestamp) {
    }

    @Test
    void invalidRecordsReachTheDeadLetterTopicWithTheirKeyValueHeadersAndTheReason() throws Exception {
        var names = Names.of("dlq-routed");
        STACK.kafka().createTopic(names.topic(), PARTITIONS);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());

        TestTraffic.Sent valid;
        List<Sent> bad;
        try (var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), PARTITIONS, 3, 11)) {
            valid = traffic.send(300, 0);
            bad = sendBadRecords(traffic, names.topic());
            valid = valid.plus(traffic.send(300, 0));
        }

        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var consumer = InProcessConsumer.start("dlq-routed-consumer", ConsumerEnv.of(STACK, names))) {
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), consumer::isRunning);
            var summary = consumer.stop(Duration.ofSeconds(30));
            assertThat(summary.invalid()).isEqualTo(BAD.size());
            assertThat(summary.drainedCleanly()).isTrue();
        }

        Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = readAll(names.dlqTopic());
        assertThat(deadLetters).hasSize(BAD.size());
        for (Sent sent : bad) {
            String source = sent.where().partition() + "@" + sent.where().offset();
            ConsumerRecord<byte[], byte[]> letter = deadLetters.get(source);
            assertThat(letter).as("dead letter of %s (%s)", sent.bad().name(), source).isNotNull();
            assertThat(letter.key()).as("key").isEqualTo(bytes("key-" + sent.bad().name()));
            assertThat(letter.value()).as("value of %s", sent.bad().name()).isEqualTo(sent.bad().value());
            assertThat(header(letter, "trace-id")).as("original header kept").isEqualTo("trace-" + sent.bad().name());
            assertThat(header(letter, "error.reason")).as("error.reason of %s", sent.bad().name())
                    .isEqualTo(sent.bad().reason());
            assertThat(header(letter, "error.field")).as("error.field of %s", sent.bad().name())
                    .isEqualTo(sent.bad().field());
            assertThat(header(letter, "source.topic")).isEqualTo(names.topic());
            assertThat(header(letter, "source.partition")).isEqualTo(Integer.toString(sent.where().partition()));
            assertThat(header(letter, "source.offset")).isEqualTo(Long.toString(sent.where().offset()));
            assertThat(header(letter, "source.timestamp")).isEqualTo(Long.toString(sent.timestamp()));
        }

        VerifierReport report = Lake.verify(STACK, names, true);
        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(report.expectedOffsets()).isEqualTo(valid.total() + BAD.size());
        assertThat(report.rows()).as("one row per valid record").isEqualTo(valid.valid());
        assertThat(report.deadLetters()).isEqualTo(BAD.size());
    }

    @Test
    void withAnEmptyDeadLetterTopicInvalidRecordsAreSkippedAndCommittedPast() throws Exception {
        var names = Names.of("dlq-skipped");
        STACK.kafka().createTopic(names.topic(), PARTITIONS);
        STACK.s3().createBucket(names.bucket());

        TestTraffic.Sent sent;
        try (var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), PARTITIONS, 3, 12)) {
            sent = traffic.send(1500, 50);
        }
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("DLQ_TOPIC", "");

        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var consumer = InProcessConsumer.start("dlq-skipped-consumer", env)) {
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), consumer::isRunning);
            var summary = consumer.stop(Duration.ofSeconds(30));
            assertThat(summary.invalid()).isEqualTo(sent.invalid());
        }

        // Without a DLQ the skipped offsets are, by design, in neither place: exactly the invalid ones.
        VerifierReport report = Lake.verify(STACK, names, false);
        assertThat(report.duplicateOffsets()).as(report.describe()).isZero();
        assertThat(report.rowsInWrongHour()).as(report.describe()).isZero();
        assertThat(report.schemaProblems()).as(report.describe()).isEmpty();
        assertThat(report.rows()).as(report.describe()).isEqualTo(sent.valid());
        assertThat(report.missingOffsets()).as(report.describe()).isEqualTo(sent.invalid());
        assertThat(sent.invalid()).isPositive();
        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers())) {
            assertThat(groups.lag(names.topic(), names.group())).as("committed past the skipped records").isZero();
        }
    }

    private static List<Sent> sendBadRecords(TestTraffic traffic, String topic) {
        List<Sent> sent = new ArrayList<>();
        long timestamp = Instant.now().minusSeconds(120).toEpochMilli();
        for (int i = 0; i < BAD.size(); i++) {
            BadRecord bad = BAD.get(i);
            var headers = new RecordHeaders().add("trace-id", bytes("trace-" + bad.name()));
            long ts = timestamp + i;
            RecordMetadata where = traffic.sendOne(new ProducerRecord<>(topic, i % PARTITIONS, ts,
                    bytes("key-" + bad.name()), bad.value(), headers));
            sent.add(new Sent(bad, where, ts));
        }
        return sent;
    }

    /** Every record of the topic, by "sourcePartition@sourceOffset". */
    private static Map<String, ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafka().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, ConsumerRecord<byte[], byte[]>> bySource = new HashMap<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    bySource.put(header(r, "source.partition") + "@" + header(r, "source.offset"), r);
                }
            }
        }
        return bySource;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] event(String type, String timestamp, String url, String ip) {
        return bytes("{\"user_id\":\"u-1\",\"session_id\":\"s-1\",\"event_type\":" + type + ",\"timestamp\":" + timestamp
                + ",\"page_url\":" + url + ",\"ip_address\":" + ip + "}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
