package io.clickstream.consumer.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Kafka records as the consumer receives them. */
public final class Records {

    private Records() {
    }

    public static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, Instant kafkaTime, byte[] value) {
        return record(tp, offset, kafkaTime.toEpochMilli(), null, value, new RecordHeaders());
    }

    public static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, long kafkaTimeMillis, byte[] key,
            byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, kafkaTimeMillis,
                kafkaTimeMillis < 0 ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }

    public static ConsumerRecords<byte[], byte[]> batch(List<ConsumerRecord<byte[], byte[]>> records) {
        var byPartition = new java.util.LinkedHashMap<TopicPartition, List<ConsumerRecord<byte[], byte[]>>>();
        for (var r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new java.util.ArrayList<>()).add(r);
        }
        return new ConsumerRecords<>(Map.copyOf(byPartition), Map.of());
    }
}
