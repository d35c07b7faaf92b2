package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink on the smallest poll share (BUFFER_MAX_BYTES=1MB) with the records the share's first-record rule must
 * survive, in zstd batches: tombstones with 16 KB keys, records with neither key nor value, a valid record just under
 * MAX_RECORD_BYTES with a null key as the very first record and again after tombstones, and small valid records with
 * and without keys. Every record is consumed (no poll stuck on a refused first record), the valid ones land in the
 * lake, the others are dead letters, and the group is committed to the end, under both group protocols.
 */
class NullKeysAndTombstonesPollShareIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static byte[] valid(String id, int size) {
        String base = "{\"event_id\":\"" + id + "\",\"user_id\":\"u-1\",\"session_id\":\"s-1\",\"event_type\":\"page_view\","
                + "\"timestamp\":\"2026-01-19T10:15:30Z\",\"page_url\":\"https://shop.example.com/p/1\","
                + "\"ip_address\":\"10.0.0.1\",\"user_agent\":\"Mozilla/5.0\",\"device\":\"mobile\"";
        int pad = Math.max(0, size - base.length() - 1);
        return (base + " ".repeat(pad) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bigKey(int i) {
        byte[] key = new byte[16 * 1024];
        Arrays.fill(key, (byte) 'k');
        byte[] n = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, key, 0, n.length);
        return key;
    }

    @ParameterizedTest(name = "KAFKA_GROUP_PROTOCOL={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void everyRecordIsConsumedAndTheValidOnesLandWhateverTheirKeysAndValues(String protocol) throws Exception {
        var names = Names.of("null-keys-" + protocol);
        int big = (1 << 20) - 300; // under the default MAX_RECORD_BYTES
        List<ProducerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        records.add(new ProducerRecord<>(names.topic(), 0, null, valid("e-first", big))); // first, null key, ~1 MB
        for (int i = 0; i < 300; i++) {
            records.add(new ProducerRecord<>(names.topic(), 0, bigKey(i), null)); // tombstones: 4.8 MB of keys
        }
        records.add(new ProducerRecord<>(names.topic(), 0, null, null));
        records.add(new ProducerRecord<>(names.topic(), 0, null, valid("e-after-tombstones", big)));
        for (int i = 0; i < 50; i++) {
            records.add(new ProducerRecord<>(names.topic(), 0, i % 2 == 0 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8),
                    valid("e-small-" + i, 400)));
            records.add(new ProducerRecord<>(names.topic(), 0, null, null));
        }
        records.add(new ProducerRecord<>(names.topic(), 0, bigKey(-1), valid("e-big-key-last", big)));
        long valid = records.stream().filter(r -> r.value() != null).count();

        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(names.topic(), 1, 2 << 20);
            topics.create(names.dlqTopic(), 1);
            STACK.s3().createBucket(names.bucket());
            try (var producer = topics.producer(2 << 20, "zstd")) {
                for (var record : records) {
                    producer.send(record);
                }
                producer.flush();
            }
        }

        Map<String, String> env = ConsumerEnv.exitingWhenIdle(STACK, names);
        env.put("BUFFER_MAX_BYTES", "1MB");
        env.put("KAFKA_GROUP_PROTOCOL", protocol);
        SinkSummary summary;
        try (var consumer = InProcessConsumer.start("hostile-consumer", env)) {
            InProcessConsumer.Outcome outcome = consumer.awaitExit(Duration.ofMinutes(3));
            assertThat(outcome).as("the consumer's run").isInstanceOf(InProcessConsumer.Outcome.Returned.class);
            summary = outcome.summary();
        }
        assertThat(summary.drainedCleanly()).as("%s", summary).isTrue();
        assertThat(summary.consumed()).as("%s", summary).isEqualTo(records.size());
        assertThat(summary.valid()).as("%s", summary).isEqualTo(valid);
        assertThat(summary.invalid()).as("%s", summary).isEqualTo(records.size() - valid);
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.lag(names.topic(), names.group())).isZero();
            List<ConsumerRecord<byte[], byte[]>> letters = topics.readAll(names.dlqTopic());
            assertThat(letters).hasSize((int) (records.size() - valid));
            assertThat(letters).allSatisfy(letter -> assertThat(letter.key() == null || letter.key().length == 16 * 1024)
                    .as("a tombstone's key is forwarded whole (16 KB) or there was none").isTrue());
        }
    }
}
