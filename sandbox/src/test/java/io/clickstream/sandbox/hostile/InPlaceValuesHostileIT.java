package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.consumer.kafka.CappedBytesDeserializer;
import io.clickstream.consumer.kafka.PollBytes;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Values read in place, against the real broker: the same hostile records sent in batches of every codec (none,
 * gzip, snappy, lz4, zstd), with keys of every size around the in-place slack (none, small, 4,000 B: read in place,
 * 4,100 B: copied, 20,000 B: cut), headers of 3 and 5 KB, multi-byte UTF-8, escapes and odd whitespace, a value of
 * exactly MAX_RECORD_BYTES and one over it. First a probe reads the topic with the consumer's own value
 * deserializer and checks the premise (compressed records' values are views into small arrays of their own; a big
 * key or header makes a copy); then the consumer runs, and every valid record's lake row is what the decoder makes
 * of its bytes alone, and every invalid record's dead letter carries exactly its bytes.
 */
class InPlaceValuesHostileIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final String[] CODECS = {"none", "gzip", "snappy", "lz4", "zstd"};
    private static final int MAX_RECORD_BYTES = 64 * 1024;
    private static final String LABEL = "label";

    private record Outgoing(String label, String codec, byte[] key, byte[] value, RecordHeaders headers, boolean valid) {
    }

    @ParameterizedTest(name = "KAFKA_GROUP_PROTOCOL={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void everyCodecKeySizeAndHeaderGivesTheRowsAndDeadLettersOfTheRecordsBytesAlone(String protocol) throws Exception {
        var names = Names.of("in-place-" + protocol);
        List<Outgoing> outgoing = new ArrayList<>();
        for (String codec : CODECS) {
            outgoing.addAll(traffic(codec));
        }
        Map<String, RecordMetadata> where = new HashMap<>();
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(names.topic(), 2, 2 << 20);
            topics.create(names.dlqTopic(), 1);
            STACK.s3().createBucket(names.bucket());
            for (String codec : CODECS) {
                Map<String, Future<RecordMetadata>> futures = new HashMap<>();
                try (var producer = topics.producer(2 << 20, codec)) {
                    for (Outgoing o : outgoing) {
                        if (o.codec().equals(codec)) {
                            futures.put(o.label(), producer.send(new ProducerRecord<>(names.topic(), null, o.key(),
                                    o.value(), o.headers())));
                        }
                    }
                    producer.flush();
                }
                for (var e : futures.entrySet()) {
                    where.put(e.getKey(), e.getValue().get());
                }
            }
        }

        probe(names.topic(), outgoing);

        Map<String, String> env = ConsumerEnv.exitingWhenIdle(STACK, names);
        env.put("MAX_RECORD_BYTES", Integer.toString(MAX_RECORD_BYTES));
        env.put("KAFKA_GROUP_PROTOCOL", protocol);
        SinkSummary summary;
        try (var consumer = InProcessConsumer.start("hostile-consumer", env)) {
            summary = consumer.awaitExit(Duration.ofMinutes(4)).summary();
        }
        long valid = outgoing.stream().filter(Outgoing::valid).count();
        assertThat(summary.drainedCleanly()).as("%s", summary).isTrue();
        assertThat(summary.consumed()).as("%s", summary).isEqualTo(outgoing.size());
        assertThat(summary.valid()).as("%s", summary).isEqualTo(valid);
        assertThat(summary.invalid()).as("%s", summary).isEqualTo(outgoing.size() - valid);

        Map<String, Outgoing> byLabel = new HashMap<>();
        outgoing.forEach(o -> byLabel.put(o.label(), o));
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.lag(names.topic(), names.group())).isZero();
            List<ConsumerRecord<byte[], byte[]>> letters = topics.readAll(names.dlqTopic());
            assertThat(letters).hasSize((int) (outgoing.size() - valid));
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                Outgoing source = byLabel.get(KafkaTopics.header(letter, LABEL));
                assertThat(source).as("a letter of a record we sent, by its label header").isNotNull();
                assertThat(source.valid()).as(source.label()).isFalse();
                assertThat(letter.value()).as("forwarded value of %s", source.label()).isEqualTo(source.value());
                byte[] key = source.key() == null || source.key().length <= 16 * 1024 ? source.key()
                        : Arrays.copyOf(source.key(), 16 * 1024);
                assertThat(letter.key()).as("forwarded key of %s", source.label()).isEqualTo(key);
                RecordMetadata at = where.get(source.label());
                assertThat(KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(at.offset()));
                assertThat(KafkaTopics.header(letter, DeadLetterHeaders.SOURCE_PARTITION))
                        .isEqualTo(Integer.toString(at.partition()));
            }
        }

        try (S3Client s3 = STACK.s3().newClient()) {
            VerifierReport report = LakeVerifier.verify(new LakeVerifier.Target(STACK.kafka().bootstrapServers(),
                    names.topic(), names.dlqTopic(), s3, names.bucket(), names.prefix(), LakeVerifier.HourSource.INGESTED_AT));
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).as(report.describe()).isEqualTo(valid);
            assertRowsAreTheDecodersOfTheBytesAlone(s3, names, outgoing, where);
        }
    }

    /** The consumer's value deserializer on the real broker's records: in place exactly where the design says. */
    private static void probe(String topic, List<Outgoing> outgoing) {
        Map<String, Outgoing> byLabel = new HashMap<>();
        outgoing.forEach(o -> byLabel.put(o.label(), o));
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafka().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 << 20));
        var poll = new PollBytes(Long.MAX_VALUE);
        int seen = 0;
        int inPlaceCompressed = 0;
        try (var consumer = new KafkaConsumer<>(p, CappedBytesDeserializer.inPlace(16 * 1024, 16 * 1024, poll),
                CappedBytesDeserializer.inPlace(MAX_RECORD_BYTES, 512 * 1024, poll))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen < outgoing.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<ByteBuffer, ByteBuffer> record : consumer.poll(Duration.ofMillis(500))) {
                    seen++;
                    Outgoing o = byLabel.get(new String(record.headers().lastHeader(LABEL).value(), StandardCharsets.UTF_8));
                    ByteBuffer value = record.value();
                    byte[] read = new byte[value.remaining()];
                    value.duplicate().get(read);
                    assertThat(read).as("value of %s", o.label()).isEqualTo(o.value());
                    assertThat(record.serializedValueSize()).as(o.label()).isEqualTo(o.value().length);
                    int slack = value.array().length - value.remaining();
                    if (slack != 0 || value.arrayOffset() != 0) { // a view: Kafka's own array
                        assertThat(slack).as("a view of %s keeps at most the slack", o.label()).isLessThanOrEqualTo(4 * 1024);
                    }
                    boolean compressed = !o.codec().equals("none");
                    int besides = (o.key() == null ? 0 : o.key().length) + headerBytes(o.headers());
                    if (compressed && besides <= 4_050 && value.arrayOffset() > 0) {
                        inPlaceCompressed++;
                    }
                    if (besides > 4 * 1024) {
                        assertThat(value.array().length).as("copied: %s", o.label()).isEqualTo(o.value().length);
                    }
                }
            }
        }
        assertThat(seen).isEqualTo(outgoing.size());
        long expected = outgoing.stream().filter(o -> !o.codec().equals("none")
                && (o.key() == null ? 0 : o.key().length) + headerBytes(o.headers()) <= 4_050).count();
        assertThat(expected).isGreaterThan(200);
        assertThat(inPlaceCompressed).as("compressed records' values read in place").isEqualTo(expected);
    }

    private static void assertRowsAreTheDecodersOfTheBytesAlone(S3Client s3, Names names, List<Outgoing> outgoing,
            Map<String, RecordMetadata> where) throws Exception {
        Map<String, List<Object>> rows = LakeRows.byPartitionAndOffset(s3, names, "");
        var decoder = new EventDecoder(MAX_RECORD_BYTES);
        for (Outgoing o : outgoing) {
            if (!o.valid()) {
                continue;
            }
            RecordMetadata at = where.get(o.label());
            List<Object> row = rows.get(at.partition() + "@" + at.offset());
            assertThat(row).as("row of %s", o.label()).isNotNull();
            ClickEvent event = ((DecodeResult.Valid) decoder.decode(o.value().clone())).event();
            assertThat(row).as("row of %s", o.label()).containsExactlyElementsOf(LakeRows.columnsOf(event));
        }
        assertThat(rows).hasSize((int) outgoing.stream().filter(Outgoing::valid).count());
    }

    /** The records sent with one codec: every key size and header size, valid and invalid values. */
    private static List<Outgoing> traffic(String codec) {
        List<Outgoing> out = new ArrayList<>();
        byte[][] keys = {null, bytes("k"), filled(4_000, 'k'), filled(4_100, 'K'), filled(20_000, 'L')};
        int[] headerSizes = {0, 3 * 1024, 5 * 1024};
        int n = 0;
        for (byte[] key : keys) {
            for (int headerSize : headerSizes) {
                for (int variant = 0; variant < 6; variant++) {
                    String label = codec + "/" + n;
                    byte[] value = bytes(valid(n, codec, variant));
                    out.add(new Outgoing(label, codec, key, value, headers(label, headerSize), true));
                    n++;
                }
                for (byte[] value : invalidValues(codec + "-" + n)) {
                    String label = codec + "/" + n;
                    out.add(new Outgoing(label, codec, key, value, headers(label, headerSize), false));
                    n++;
                }
            }
        }
        // Exactly at the cap (valid: whitespace is plain JSON) and one byte over it (record_too_large, forwarded whole).
        String base = valid(n, codec, 0);
        String atCap = base.substring(0, base.length() - 1) + " ".repeat(MAX_RECORD_BYTES - bytes(base).length) + "}";
        out.add(new Outgoing(codec + "/" + n, codec, bytes("cap"), bytes(atCap), headers(codec + "/" + n, 0), true));
        n++;
        base = valid(n, codec, 0);
        String overCap = base.substring(0, base.length() - 1) + " ".repeat(MAX_RECORD_BYTES + 1 - bytes(base).length) + "}";
        out.add(new Outgoing(codec + "/" + n, codec, bytes("cap"), bytes(overCap), headers(codec + "/" + n, 0), false));
        return out;
    }

    private static String valid(int i, String codec, int variant) {
        String user = switch (variant) {
            case 0 -> "u-\ud83d\ude00-" + codec + i;
            case 1 -> "\u65e5\u672c-" + codec + (i % 7);
            case 2 -> "plain-" + codec + (i % 11);
            case 3 -> "u-\u2028-" + codec + i;
            case 4 -> "caf\u00e9-" + codec + (i % 3);
            default -> "  padded-\u00a0" + codec + "  ";
        };
        String members = "\"event_id\":\"e-" + codec + "-" + i + "\",\"user_id\":\"" + user + "\",\"session_id\":\"s-"
                + (i % 13) + "\",\"event_type\":\"" + (i % 2 == 0 ? "page_view" : "ADD_TO_CART") + "\",\"timestamp\":"
                + "\"2026-01-19T10:" + String.format("%02d", i % 60) + ":30.123Z\",\"page_url\":\"https://shop.example.com/p/"
                + i + "\",\"product_id\":" + (i % 3 == 0 ? "null" : Integer.toString(i)) + ",\"ip_address\":\""
                + (i % 2 == 0 ? "10.0.0." + (i % 250) : "2001:DB8::" + (i % 250)) + "\",\"user_agent\":\"Mozilla/5.0 ("
                + "\u00e9t\u00e9 \ud83e\udd16)\",\"device\":\"" + (i % 2 == 0 ? "mobile" : "T\u00c9L\u00c9") + "\"";
        return switch (i % 4) {
            case 0 -> "{" + members + "}";
            case 1 -> " \r\n\t{ " + members.replace("\",\"", "\" ,\n \"") + " }\n ";
            case 2 -> "{" + members.replace("shop.example", "shop\\u002eexample").replace("\u00e9t\u00e9", "\\u00e9t\\u00e9") + "}";
            default -> "{\"extra\":{\"a\":[1,{\"b\":\"c\"}]}," + members + "}";
        };
    }

    private static List<byte[]> invalidValues(String id) {
        String good = valid(0, id, 0);
        return List.of(new byte[0], bytes("{}"), bytes(good + " x"), bytes(good.substring(0, good.length() - 1)),
                new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, bytes(good.replace("\"e-", "\"e-\u0007")));
    }

    private static RecordHeaders headers(String label, int extra) {
        var headers = new RecordHeaders();
        headers.add(new RecordHeader(LABEL, bytes(label)));
        if (extra > 0) {
            headers.add(new RecordHeader("bulk", filled(extra, 'h')));
        }
        return headers;
    }

    private static int headerBytes(RecordHeaders headers) {
        int bytes = 0;
        for (var h : headers) {
            bytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return bytes;
    }

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
