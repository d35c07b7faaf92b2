package io.clickstream.sandbox.hostile;

import io.clickstream.sandbox.embedded.EmbeddedS3;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for the hostile-input tests: topics with a size limit, a raw producer, a full read. */
final class KafkaTopics implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final Admin admin;

    KafkaTopics(String bootstrap) {
        this.bootstrap = bootstrap;
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
    }

    /** A topic whose records may be up to {@code maxMessageBytes} (the broker's default is about 1 MB). */
    void create(String name, int partitions, int maxMessageBytes) {
        create(new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes))));
    }

    /** The names' topic with {@code partitions}, its dead-letter topic, and its bucket: what a consumer run needs. */
    void createWithDeadLettersAndBucket(Names names, int partitions, EmbeddedS3 s3) {
        create(names.topic(), partitions);
        create(names.dlqTopic(), 1);
        s3.createBucket(names.bucket());
    }

    /** A topic with the broker's default record size limit. */
    void create(String name, int partitions) {
        create(new NewTopic(name, partitions, (short) 1));
    }

    private void create(NewTopic topic) {
        get(admin.createTopics(List.of(topic)).all());
    }

    /** A producer of raw bytes that sends records up to {@code maxRequestBytes} and waits for every replica. */
    KafkaProducer<byte[], byte[]> producer(int maxRequestBytes) {
        return producer(maxRequestBytes, "none");
    }

    /** The same, compressing batches with {@code compression} (zstd: megabytes of repeated bytes become kilobytes). */
    KafkaProducer<byte[], byte[]> producer(int maxRequestBytes, String compression) {
        var p = new Properties();
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequestBytes));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Every record of the topic, read from the beginning to the end offsets of now. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 << 20));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** Records of the topic the group has not committed past. */
    long lag(String topic, String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        List<TopicPartition> partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic)
                .partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        var end = get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all());
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            lag += end.get(tp).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /** The group's committed offset of each partition of the topic (0 where it has none). */
    Map<Integer, Long> committed(String topic, String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<Integer, Long> offsets = new java.util.TreeMap<>();
        for (var info : get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions()) {
            OffsetAndMetadata c = committed.get(new TopicPartition(topic, info.partition()));
            offsets.put(info.partition(), c == null ? 0 : c.offset());
        }
        return offsets;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close();
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka admin call timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
