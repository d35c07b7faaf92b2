package io.clickstream.sandbox.pipeline;

import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.producer.ProducerApp;
import io.clickstream.producer.ProducerConfig;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end-to-end run, the same wherever Kafka and S3 are (embedded, containers): the consumer
 * starts, the producer sends N events, and the run ends when the consumer group has committed the
 * end of every partition (lag 0), i.e. when every event is in S3 or the dead-letter topic.
 */
public final class PipelineRun {
    private static final Logger log = LoggerFactory.getLogger(PipelineRun.class);

    private PipelineRun() {
    }

    public static RunResult run(Endpoints endpoints, RunOptions options) {
        long start = System.nanoTime();
        Map<String, String> env = environment(endpoints, options);
        try (var consumer = InProcessConsumer.start("sandbox-consumer", env)) {
            var producerConfig = ProducerConfig.from(env, Set.of());
            var produced = new ProducerApp().run(producerConfig, new AtomicBoolean(false));
            if (!produced.succeeded()) {
                throw new IllegalStateException("the producer failed: " + String.join("; ", produced.describe()));
            }
            awaitCommitted(endpoints.kafkaBootstrap(), options, consumer);
            SinkSummary summary = consumer.stop(Duration.ofSeconds(60));
            return new RunResult(produced.sent(), produced.acked(), produced.failed(), summary,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The variables both apps read, pointing at the given endpoints. */
    public static Map<String, String> environment(Endpoints endpoints, RunOptions options) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", endpoints.kafkaBootstrap());
        env.put("KAFKA_TOPIC", options.topic());
        env.put("KAFKA_GROUP_ID", options.groupId());
        env.put("DLQ_TOPIC", options.dlqTopic());
        env.put("S3_BUCKET", options.bucket());
        env.put("S3_PREFIX", options.prefix());
        env.put("AWS_ENDPOINT_URL", endpoints.s3Endpoint().toString());
        env.put("AWS_DEFAULT_REGION", endpoints.region());
        env.put("AWS_ACCESS_KEY_ID", endpoints.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", endpoints.secretKey());
        env.put("BATCH_MAX_AGE", options.batchMaxAge().toMillis() + "ms");
        env.put("METRICS_PORT", "0");
        env.put("SPOOL_DIR", spoolDir().toString());
        env.put("PRODUCER_EVENTS", Long.toString(options.events()));
        env.put("PRODUCER_RATE", Integer.toString(options.rate()));
        env.put("PRODUCER_SEED", Long.toString(options.seed()));
        env.put("PRODUCER_INVALID_RATIO", Double.toString(options.invalidRatio()));
        return env;
    }

    private static Path spoolDir() {
        try {
            return Files.createTempDirectory("clickstream-spool");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until the group's committed offsets reach the end of every partition. */
    private static void awaitCommitted(String bootstrap, RunOptions options, InProcessConsumer consumer)
            throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<TopicPartition> partitions = admin.describeTopics(Set.of(options.topic())).allTopicNames().get()
                    .get(options.topic()).partitions().stream()
                    .map(p -> new TopicPartition(options.topic(), p.partition())).collect(Collectors.toSet());
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().forEach((p, info) -> end.put(p, info.offset()));
            long lastLog = 0;
            while (true) {
                if (!consumer.isRunning()) {
                    throw consumer.endedEarly("the consumer stopped before committing everything");
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(options.groupId())
                        .partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (var e : end.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue() - (c == null ? 0 : c.offset());
                }
                if (lag <= 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out after " + options.timeout() + " with " + lag
                            + " records not yet committed");
                }
                if (System.nanoTime() - lastLog > 10_000_000_000L) {
                    log.info("waiting for the consumer to commit: {} records to go", lag);
                    lastLog = System.nanoTime();
                }
                Thread.sleep(250);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read offsets from Kafka: " + e.getCause().getMessage(), e);
        }
    }
}
