package io.clickstream.sandbox.bench;

import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.KafkaClients;
import io.clickstream.consumer.kafka.PollBytes;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Side A: how fast a bare Kafka client reads the topic here, the ceiling for the consumer. The client
 * is the consumer's own ({@link KafkaClients#consumer}: same fetch sizes, same isolation level); it
 * is assigned every partition, seeks to the beginning and counts records and bytes until it has
 * read up to the end offsets, touching nothing else. No group, no commits.
 *
 * <p>It runs on a thread of its own inside the benchmark's JVM (next to the embedded broker), so its
 * CPU time is that thread's: with the classic consumer protocol the fetching and decompressing
 * happen on the polling thread.
 */
final class RawReader {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STALL = Duration.ofSeconds(60);

    private RawReader() {
    }

    /** One read of the topic: keys and values as the client hands them over (decompressed). */
    record Read(int round, long records, long keyBytes, long valueBytes, Duration elapsed, Duration cpu, MachineLoad loadBefore) {
        double eventsPerSecond() {
            return records / seconds();
        }

        /** JSON (value) megabytes, 10^6 bytes, per second: comparable with the consumer's. */
        double megabytesPerSecond() {
            return valueBytes / 1e6 / seconds();
        }

        double cpuSecondsPerMillion() {
            return cpu.toNanos() / 1e9 / records * 1e6;
        }

        private double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    static Read run(ConsumerConfig config, TopicOffsets offsets, int round) throws InterruptedException {
        MachineLoad load = MachineLoad.now();
        var result = new AtomicReference<Read>();
        var failure = new AtomicReference<Throwable>();
        Thread reader = new Thread(() -> {
            try {
                result.set(read(config, offsets, round, load));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "bench-raw-reader");
        reader.start();
        reader.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the raw read failed: " + failure.get().getMessage(), failure.get());
        }
        return result.get();
    }

    private static Read read(ConsumerConfig config, TopicOffsets offsets, int round, MachineLoad load) {
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long records = 0;
        long keyBytes = 0;
        long valueBytes = 0;
        try (Consumer<ByteBuffer, ByteBuffer> consumer = KafkaClients.consumer(config, new PollBytes(Long.MAX_VALUE))) {
            Set<TopicPartition> partitions = offsets.end().keySet();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Set<TopicPartition> remaining = new HashSet<>(partitions);
            remaining.removeIf(p -> offsets.end().get(p) == 0);
            long lastProgress = System.nanoTime();
            while (!remaining.isEmpty()) {
                var batch = consumer.poll(POLL);
                for (ConsumerRecord<ByteBuffer, ByteBuffer> record : batch) {
                    records++;
                    keyBytes += record.key() == null ? 0 : record.key().remaining();
                    valueBytes += record.value() == null ? 0 : record.value().remaining();
                }
                if (!batch.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("no record for " + STALL + " with " + remaining + " not read to the end");
                }
                remaining.removeIf(p -> consumer.position(p) >= offsets.end().get(p));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuStart);
        return new Read(round, records, keyBytes, valueBytes, elapsed, cpu, load);
    }
}
