package io.clickstream.sandbox.bench;

import io.clickstream.producer.ProducerConfig;
import io.clickstream.producer.SimulationPlan;
import io.clickstream.producer.publish.KafkaProperties;
import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.sandbox.bench.ProducerBenchResult.Measurement;
import io.clickstream.sandbox.bench.ProducerBenchResult.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Side B of the producer benchmark: the records the producer's own generator and {@link TrafficShaper} make
 * for the same seed and settings, generated beforehand, sent by a plain {@code send()} loop with the
 * producer's {@link KafkaProperties} (acks=all, idempotence, zstd, the same linger and batch size), then
 * flushed. Timed from the first send to the end of flush and close, after an untimed warm-up.
 */
final class PlainClientSide {
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(30);

    private PlainClientSide() {
    }

    /**
     * What {@code ProducerApp} sends for this configuration, made the same way, but not sent. Event times are
     * the wall clock's, as in A, so the bytes match A's up to the timestamps.
     */
    static PackedRecords generate(ProducerConfig config, long events) {
        var traffic = new TrafficShaper(SimulationPlan.of(config, Instant.now()).generator(config.seed()),
                config.imperfections(), config.seed());
        var records = new PackedRecords((int) events);
        for (long i = 0; i < events; i++) {
            OutgoingRecord record = traffic.next(events - i);
            records.add(record.key(), record.value());
        }
        traffic.drain().forEach(record -> records.add(record.key(), record.value()));
        return records;
    }

    static Measurement run(ProducerConfig config, PackedRecords records, int round) {
        System.gc();
        var bytes = new AtomicLong();
        var acked = new AtomicLong();
        var failed = new AtomicLong();
        var firstError = new AtomicReference<Exception>();
        Callback callback = (metadata, error) -> {
            if (error == null) {
                acked.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstError.compareAndSet(null, error);
            }
        };
        Map<String, Object> properties = KafkaProperties.producer(config.brokers(), config.compression().kafkaName(),
                config.lingerMs(), config.batchSize(), config.deliveryTimeout());
        var producer = new ByteCountingProducer(properties, bytes);
        long start;
        long cpuStart;
        try (producer) {
            warmUp(producer, config.topic(), records);
            bytes.set(0);
            cpuStart = ProcessCpu.nanos();
            start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                producer.send(records.record(config.topic(), i), callback);
            }
            producer.flush();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = ProcessCpu.since(cpuStart);
        if (failed.get() > 0 || acked.get() != records.size()) {
            throw new IllegalStateException("the plain client's run failed: " + acked.get() + " of " + records.size()
                    + " acknowledged, " + failed.get() + " failed, first error: " + firstError.get());
        }
        return new Measurement(Side.PLAIN_CLIENT, round, records.size(), bytes.get(), elapsed, cpu);
    }

    /**
     * Before timing: the topic's metadata, then one acknowledged record per partition, retried while a new
     * topic settles. A brand-new topic's first sends can fail under load before every partition's leader is
     * known to the client (as in KAFKA-15591); the timed loop should measure sending, not that.
     */
    private static void warmUp(Producer<byte[], byte[]> producer, String topic, PackedRecords records) {
        long deadline = System.nanoTime() + WARM_UP_TIMEOUT.toNanos();
        ProducerRecord<byte[], byte[]> sample = records.record(topic, 0);
        int partitions = producer.partitionsFor(topic).size();
        for (int partition = 0; partition < partitions; partition++) {
            var record = new ProducerRecord<>(topic, partition, sample.key(), sample.value());
            while (true) {
                try {
                    producer.send(record).get(WARM_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (ExecutionException e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("warm-up send to " + topic + "-" + partition + " keeps failing", e.getCause());
                    }
                    sleep(Duration.ofMillis(50));
                } catch (TimeoutException e) {
                    throw new IllegalStateException("warm-up send to " + topic + "-" + partition + " not acknowledged in " + WARM_UP_TIMEOUT, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while warming up " + topic, e);
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
