package io.clickstream.sandbox.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a topic holds, read with a plain consumer that joins no group and commits nothing. */
final class TopicRecords {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicRecords() {
    }

    /** The number of records in the topic: the sum of its partitions' end offsets (0 when it does not exist). */
    static long count(String bootstrap, String topic) {
        try (var consumer = consumer(bootstrap)) {
            return count(consumer, topic);
        }
    }

    /** Waits until the topic holds at least {@code records}; fails after {@code timeout}. */
    static void awaitAtLeast(String bootstrap, String topic, long records, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var consumer = consumer(bootstrap)) {
            long count;
            while ((count = count(consumer, topic)) < records) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("topic " + topic + " holds " + count + " records after " + timeout
                            + ", expected at least " + records);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /** Every record in the topic, up to the end offsets at the time of the call. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, Duration timeout) {
        try (var consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("read " + records.size() + " records of " + topic + " in " + timeout
                            + ", expected " + end.values().stream().mapToLong(Long::longValue).sum());
                }
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }

    private static long count(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions); // else the client warns that it cannot update an unassigned partition's watermark
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "producer-it-reader",
                // Looking at a topic before the producer created it must not create it with the broker's defaults.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }
}
