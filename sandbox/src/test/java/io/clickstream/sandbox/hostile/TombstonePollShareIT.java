package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.kafka.CappedBytesDeserializer;
import io.clickstream.consumer.kafka.PollBytes;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.Names;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The poll's share on the real broker, with the consumer's own deserializers and fetch settings (KafkaClients:
 * MAX_POLL_RECORDS 5000, 256 KB per partition fetch) and the smallest share (1 MB), under both group protocols. A
 * zstd batch of records with repeated bytes is a few kilobytes on the wire and megabytes once read: the share is what
 * bounds a poll. The poll's share is reset before each poll, as the sink loop does.
 */
class TombstonePollShareIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final long SHARE = 1 << 20;
    private static final int KEY_CAP = 16 * 1024; // DeadLetterSender.MAX_FORWARDED_KEY_BYTES
    private static final int MAX_RECORD_BYTES = 1 << 20;

    private record PollStats(int records, long maxBytesBeforeLastRecord, long maxRecordsInAPoll) {
    }

    @ParameterizedTest(name = "KAFKA_GROUP_PROTOCOL={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void tombstonesWithLargeKeysAreBoundedByThePollShare(String protocol) throws Exception {
        var names = Names.of("tombstone-share-" + protocol);
        int count = 3000;
        send(names.topic(), count, i -> keyOf(i, KEY_CAP), i -> null);
        PollStats stats = consume(names, protocol, count);
        assertThat(stats.records()).isEqualTo(count);
        assertThat(stats.maxBytesBeforeLastRecord()).as("%s: key bytes of a poll before its last record", stats)
                .isLessThanOrEqualTo(SHARE);
    }

    @ParameterizedTest(name = "KAFKA_GROUP_PROTOCOL={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void compressibleValuesAreReadInPollsOfAtMostTheShareAndAllArrive(String protocol) throws Exception {
        var names = Names.of("value-share-" + protocol);
        int count = 400;
        // 200 KB values of repeated bytes (in place: each counts its record's array), some with a null key.
        send(names.topic(), count, i -> i % 3 == 0 ? null : keyOf(i, 36), i -> new byte[200 * 1024]);
        PollStats stats = consume(names, protocol, count);
        assertThat(stats.records()).isEqualTo(count);
        assertThat(stats.maxBytesBeforeLastRecord()).as("%s", stats).isLessThanOrEqualTo(SHARE);
        assertThat(stats.maxRecordsInAPoll()).as("%s: a poll ends at the share", stats).isLessThanOrEqualTo(6);
    }

    private static byte[] keyOf(int i, int size) {
        byte[] key = new byte[size];
        Arrays.fill(key, (byte) 'k');
        byte[] n = Integer.toString(i).getBytes();
        System.arraycopy(n, 0, key, 0, n.length);
        return key;
    }

    private static void send(String topic, int count, java.util.function.IntFunction<byte[]> key,
            java.util.function.IntFunction<byte[]> value) throws Exception {
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(topic, 1, 2 << 20);
        }
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafka().bootstrapServers());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1 << 20));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 << 20));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (var producer = new KafkaProducer<byte[], byte[]>(p)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, 0, key.apply(i), value.apply(i)));
            }
            producer.flush();
        }
    }

    /** Reads the topic as the sink loop does: the share reset before each poll; the largest poll's bytes. */
    private static PollStats consume(Names names, String protocol, int count) throws Exception {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, names.group());
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"); // as KafkaClients
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(256 * 1024));
        var poll = new PollBytes(SHARE);
        Method reset = PollBytes.class.getDeclaredMethod("reset");
        reset.setAccessible(true);
        int records = 0;
        long maxBefore = 0;
        int maxRecords = 0;
        try (var consumer = new KafkaConsumer<>(p, CappedBytesDeserializer.forKeys(KEY_CAP, KEY_CAP, poll),
                CappedBytesDeserializer.inPlace(MAX_RECORD_BYTES, 512 * 1024, poll))) {
            consumer.subscribe(List.of(names.topic()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (records < count && System.nanoTime() < deadline) {
                reset.invoke(poll);
                ConsumerRecords<ByteBuffer, ByteBuffer> batch = consumer.poll(Duration.ofMillis(500));
                long bytes = 0;
                long last = 0;
                for (ConsumerRecord<ByteBuffer, ByteBuffer> record : batch) {
                    last = (record.key() == null ? 0 : record.key().remaining())
                            + (record.value() == null ? 0 : record.value().remaining());
                    bytes += last;
                }
                maxBefore = Math.max(maxBefore, bytes - last);
                maxRecords = Math.max(maxRecords, batch.count());
                records += batch.count();
            }
        }
        return new PollStats(records, maxBefore, maxRecords);
    }
}
