package io.clickstream.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(0, null);
    }

    @AfterAll
    static void closeBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void recordsProducedWithAcksAllAreReadBack() throws Exception {
        kafka.createTopic("round-trip", 3);

        List<String> sent = produce(kafka, "round-trip", "rt", 300);

        assertThat(consumeAll(kafka, "round-trip", sent.size())).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void restartedBrokerKeepsRecordsAndPort() throws Exception {
        kafka.createTopic("survives-restart", 2);
        List<String> before = produce(kafka, "survives-restart", "before", 100);
        String bootstrap = kafka.bootstrapServers();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        assertThat(describeClusterAnswers(bootstrap)).as("a stopped broker answers no client").isFalse();
        kafka.start();

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        List<String> after = produce(kafka, "survives-restart", "after", 100);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(consumeAll(kafka, "survives-restart", all.size())).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void creatingAnExistingTopicIsANoOp() throws Exception {
        kafka.createTopic("twice", 2);
        kafka.createTopic("twice", 2);
        kafka.createTopic("twice", 5); // exists: kept as it is

        try (Admin admin = admin(kafka.bootstrapServers())) {
            var description = admin.describeTopics(Set.of("twice")).allTopicNames().get().get("twice");
            assertThat(description.partitions()).hasSize(2);
        }
    }

    @Test
    void closeDeletesTheTemporaryDataDirectoryItCreated() {
        Path dataDir;
        try (EmbeddedKafka temporary = EmbeddedKafka.start(0, null)) {
            dataDir = temporary.dataDir();
            assertThat(dataDir).isDirectory();
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aGivenDataDirectoryIsKeptAndItsRecordsServedByALaterBroker(@TempDir Path dir) throws Exception {
        List<String> sent;
        try (EmbeddedKafka first = EmbeddedKafka.start(0, dir)) {
            first.createTopic("kept", 1);
            sent = produce(first, "kept", "kept", 50);
        }
        assertThat(dir.resolve("logs/meta.properties")).isRegularFile();

        try (EmbeddedKafka second = EmbeddedKafka.start(0, dir)) {
            assertThat(consumeAll(second, "kept", sent.size())).containsExactlyElementsOf(sent);
        }
    }

    /** Sends {@code count} string records synchronously with acks=all; returns their values. */
    static List<String> produce(EmbeddedKafka broker, String topic, String prefix, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                String value = prefix + "-" + i;
                producer.send(new ProducerRecord<>(topic, Integer.toString(i), value));
                values.add(value);
            }
            producer.flush();
            // flush() only waits; get() on the last send surfaces a failed batch, if any.
            producer.send(new ProducerRecord<>(topic, "end", prefix + "-end")).get(30, TimeUnit.SECONDS);
            values.add(prefix + "-end");
        }
        return values;
    }

    /** Reads every partition of {@code topic} from the beginning until {@code expected} records. */
    static List<String> consumeAll(EmbeddedKafka broker, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            // Manual assignment: no group, so no rebalance to wait for.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static boolean describeClusterAnswers(String bootstrap) {
        Admin admin = admin(bootstrap);
        try {
            admin.describeCluster().nodes().get(1, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            // close() would wait for the pending call (up to the API timeout); do not.
            admin.close(Duration.ZERO);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return Admin.create(props);
    }
}
