package io.clickstream.consumer.dlq;

import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.kafka.BufferCopies;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends an invalid record to the dead-letter topic with its original key, value and headers (each
 * capped in size, and headers named like ours renamed), plus headers saying why and where it came
 * from. The letter's send must be acknowledged before the source offset is committed past.
 */
public final class DeadLetterSender implements AutoCloseable {
    /**
     * Largest value forwarded whole. A larger one (only a record_too_large can be) is cut to this size
     * with headers saying so: a value the dead-letter topic can never accept would otherwise fail on
     * every replay and block its partition for good.
     */
    public static final int MAX_FORWARDED_VALUE_BYTES = 512 * 1024;
    /** Largest key forwarded whole; a longer one is cut, with headers saying so. */
    public static final int MAX_FORWARDED_KEY_BYTES = 16 * 1024;
    /**
     * The record's own headers forwarded in all: beyond it the rest are left out (and counted in a header),
     * so that headers alone can never make a dead letter too large for its topic.
     */
    public static final int MAX_FORWARDED_HEADER_BYTES = 64 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public DeadLetterSender(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sends the record to the dead-letter topic; the returned letter tells when it is acknowledged. */
    public DeadLetter deadLetter(ConsumerRecord<ByteBuffer, ByteBuffer> record, List<Violation> violations) {
        return new DeadLetter(this, detached(record), violations);
    }

    /**
     * The record with copies of the key and value the letter forwards (cut as {@link #send} cuts them): the letter
     * is held until acknowledged, and must not hold the array the consumer read the record into meanwhile.
     */
    static ConsumerRecord<byte[], byte[]> detached(ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), sizeOf(record.serializedKeySize(), record.key()),
                sizeOf(record.serializedValueSize(), record.value()), copy(record.key(), MAX_FORWARDED_KEY_BYTES),
                copy(record.value(), MAX_FORWARDED_VALUE_BYTES), record.headers(), record.leaderEpoch());
    }

    /** At most the first {@code max} bytes, copied without moving the buffer's position. */
    private static byte[] copy(ByteBuffer bytes, int max) {
        return bytes == null ? null : BufferCopies.prefix(bytes, max);
    }

    /** A send; an exception the producer throws instead of failing the future fails the future too. */
    Future<RecordMetadata> send(ConsumerRecord<byte[], byte[]> record, List<Violation> violations) {
        try {
            return producer.send(new ProducerRecord<>(topic, null, null, key(record), value(record),
                    headers(record, violations)));
        } catch (KafkaException e) {
            var failed = new CompletableFuture<RecordMetadata>();
            failed.completeExceptionally(e);
            return failed;
        }
    }

    /**
     * The record's own headers, up to {@link #MAX_FORWARDED_HEADER_BYTES} in all (those named like ours
     * renamed), then ours: why, and where from.
     */
    private static RecordHeaders headers(ConsumerRecord<byte[], byte[]> record, List<Violation> violations) {
        var headers = new RecordHeaders();
        long forwarded = 0;
        long total = 0;
        int dropped = 0;
        for (Header h : record.headers()) {
            long size = h.key().length() + (h.value() == null ? 0 : h.value().length);
            total += size;
            if (forwarded + size > MAX_FORWARDED_HEADER_BYTES) {
                dropped++;
                continue;
            }
            forwarded += size;
            boolean ours = h.key().startsWith("error.") || h.key().startsWith("source.");
            headers.add(ours ? DeadLetterHeaders.ORIGINAL_PREFIX + h.key() : h.key(), h.value());
        }
        if (dropped > 0) {
            put(headers, DeadLetterHeaders.HEADERS_DROPPED, Integer.toString(dropped));
            put(headers, DeadLetterHeaders.HEADERS_BYTES, Long.toString(total));
        }
        Violation primary = violations.get(0);
        put(headers, DeadLetterHeaders.ERROR_REASON, primary.reason().code());
        put(headers, DeadLetterHeaders.ERROR_FIELD, primary.field());
        put(headers, DeadLetterHeaders.ERROR_MESSAGE,
                violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
        put(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(record.timestamp()));
        int valueBytes = originalSize(record.serializedValueSize(), record.value());
        if (record.value() != null && valueBytes > Math.min(record.value().length, MAX_FORWARDED_VALUE_BYTES)) {
            put(headers, DeadLetterHeaders.VALUE_TRUNCATED, "true");
            put(headers, DeadLetterHeaders.VALUE_BYTES, Integer.toString(valueBytes));
        }
        int keyBytes = originalSize(record.serializedKeySize(), record.key());
        if (record.key() != null && keyBytes > Math.min(record.key().length, MAX_FORWARDED_KEY_BYTES)) {
            put(headers, DeadLetterHeaders.KEY_TRUNCATED, "true");
            put(headers, DeadLetterHeaders.KEY_BYTES, Integer.toString(keyBytes));
        }
        return headers;
    }

    private static byte[] value(ConsumerRecord<byte[], byte[]> record) {
        return cut(record.value(), MAX_FORWARDED_VALUE_BYTES);
    }

    private static byte[] key(ConsumerRecord<byte[], byte[]> record) {
        return cut(record.key(), MAX_FORWARDED_KEY_BYTES);
    }

    private static byte[] cut(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }

    /** The size on the broker when Kafka reports it, else the size read (before the copy cuts it). */
    private static int sizeOf(int serializedSize, ByteBuffer read) {
        return serializedSize >= 0 || read == null ? serializedSize : read.remaining();
    }

    /** The size on the broker when Kafka reports it (the deserializer may have kept a prefix only). */
    private static int originalSize(int serializedSize, byte[] kept) {
        return serializedSize >= 0 ? serializedSize : kept == null ? 0 : kept.length;
    }

    public void flush() {
        producer.flush();
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close();
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
