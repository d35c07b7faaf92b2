package io.clickstream.consumer.testing;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Kafka records as the consumer receives them: key and value as buffers over a larger array, from a position past
 * other bytes (as Kafka hands over a record's value within its own array), so that a reader that ignored the
 * buffer's position or limit would read the wrong bytes.
 */
public final class Records {
    /** Before and after each key and value in its array: JSON-looking bytes, so that reading them cannot pass. */
    private static final byte[] AROUND = "{\"x\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Records() {
    }

    public static ConsumerRecord<ByteBuffer, ByteBuffer> record(TopicPartition tp, long offset, Instant kafkaTime,
            byte[] value) {
        return record(tp, offset, kafkaTime.toEpochMilli(), null, value, new RecordHeaders());
    }

    public static ConsumerRecord<ByteBuffer, ByteBuffer> record(TopicPartition tp, long offset, long kafkaTimeMillis,
            byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, kafkaTimeMillis,
                kafkaTimeMillis < 0 ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, within(key), within(value), headers,
                Optional.empty());
    }

    /** The record as the dead-letter sender keeps it: key and value as arrays of their own. */
    public static ConsumerRecord<byte[], byte[]> arrays(TopicPartition tp, long offset, long kafkaTimeMillis, byte[] key,
            byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, kafkaTimeMillis,
                kafkaTimeMillis < 0 ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }

    /** {@code bytes} inside a larger array, from a position past other bytes. */
    public static ByteBuffer within(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        byte[] array = new byte[AROUND.length + bytes.length + AROUND.length];
        System.arraycopy(AROUND, 0, array, 0, AROUND.length);
        System.arraycopy(bytes, 0, array, AROUND.length, bytes.length);
        System.arraycopy(AROUND, 0, array, AROUND.length + bytes.length, AROUND.length);
        return ByteBuffer.wrap(array, AROUND.length, bytes.length);
    }

    public static ConsumerRecords<ByteBuffer, ByteBuffer> batch(List<ConsumerRecord<ByteBuffer, ByteBuffer>> records) {
        var byPartition = new java.util.LinkedHashMap<TopicPartition, List<ConsumerRecord<ByteBuffer, ByteBuffer>>>();
        for (var r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new java.util.ArrayList<>()).add(r);
        }
        return new ConsumerRecords<>(Map.copyOf(byPartition), Map.of());
    }
}
