package io.clickstream.sandbox.bench;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventJsonWriter;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.sim.VisitLength;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills a topic with simulated clickstream events, once, before anything is measured: the
 * simulator's events as the producer's JSON, keyed by session id, sent by a plain, fast
 * {@link KafkaProducer} (acks=1, large batches, zstd like the producer's default, so the consumer
 * reads the same kind of batches it reads in production).
 *
 * <p>Every run with the same seed writes the same records: the simulated shop opens at {@link #EPOCH}
 * (busy from its first event: it was already open for half an hour) with 1,000 events per second of
 * simulated time, and each record's Kafka timestamp is its event time. Ingestion hours, and so files and
 * keys, are then the same on every run. The topic keeps records forever ({@code retention.ms=-1}): their
 * timestamps lie in the past, and time-based retention would otherwise delete them under the benchmark.
 */
final class TopicLoader {
    static final Instant EPOCH = Instant.parse("2026-01-19T10:00:00Z");
    private static final double EVENTS_PER_SECOND = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicLoader() {
    }

    /** What was written: record count and the bytes of keys and values as sent (before compression). */
    record Loaded(long events, long keyBytes, long valueBytes, Duration elapsed) {
        double eventsPerSecond() {
            return events / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    static void createTopic(Admin admin, String topic, int partitions) {
        var newTopic = new NewTopic(topic, partitions, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getMessage(), e);
        }
    }

    static Loaded load(String bootstrap, String topic, long events, long seed) {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS.withSessionsPerSecond(EVENTS_PER_SECOND
                / VisitLength.meanEventsPerSession(SimulationSettings.DEFAULTS)), seed, EPOCH, Duration.ofMinutes(30));
        var keyBytes = new AtomicLong();
        var valueBytes = new AtomicLong();
        var failure = new AtomicReference<Exception>();
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<byte[], byte[]>(properties(bootstrap))) {
            for (long i = 0; i < events && failure.get() == null; i++) {
                ClickEvent event = generator.next();
                byte[] key = event.sessionId().getBytes(StandardCharsets.UTF_8);
                byte[] value = EventJsonWriter.write(event);
                keyBytes.addAndGet(key.length);
                valueBytes.addAndGet(value.length);
                producer.send(new ProducerRecord<>(topic, null, event.timestamp().toEpochMilli(), key, value),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading " + topic + " failed: " + failure.get().getMessage(), failure.get());
        }
        return new Loaded(events, keyBytes.get(), valueBytes.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static Map<String, Object> properties(String bootstrap) {
        var p = new HashMap<String, Object>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-loader");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Loading is set-up, not the subject: one ack, no idempotence bookkeeping, big batches.
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        // The producer's default codec: the consumer then decompresses what it would in production.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        return p;
    }
}
