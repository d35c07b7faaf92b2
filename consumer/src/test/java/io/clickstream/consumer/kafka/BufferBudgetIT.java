package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.delivery.Deliveries;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.testing.DirectExecutorService;
import io.clickstream.consumer.testing.Events;
import io.clickstream.consumer.testing.RecordingConsumer;
import io.clickstream.consumer.testing.Records;
import io.clickstream.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The memory budget against the case that killed other S3 sinks (many partitions times many hours
 * open at once): records spread over 1,000 partitions x 24 hours go straight into the loop's buffer
 * with the real Parquet writer. The buffered bytes must never exceed BUFFER_MAX_BYTES after a turn,
 * and the heap must stay under the budget plus a measured overhead.
 */
class BufferBudgetIT {
    private static final int PARTITIONS = 1000;
    private static final int HOURS = 24;
    private static final long BUDGET = 64L << 20;
    /** Heap beyond the budget we accept: Kafka/loop bookkeeping, Parquet writer internals, GC slack. */
    private static final long HEAP_OVERHEAD_ALLOWED = 192L << 20;
    private static final Instant H0 = Instant.parse("2026-01-19T00:00:00Z");

    @TempDir
    Path spool;

    /** Counts uploads and keeps nothing, so the heap measured is the loop's own. */
    private static final class DiscardingS3 implements S3Client {
        final AtomicLong puts = new AtomicLong();

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            puts.incrementAndGet();
            return PutObjectResponse.builder().eTag("\"x\"").build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    /**
     * Heap in use right after a full collection, from the pools' collection usage: Runtime's
     * total-minus-free after System.gc() counts regions G1 has not handed back and overstates the
     * live set several times over (measured: 161 MB against 10 MB live in a heap histogram). Parquet's zstd
     * codec makes a finalizable stream per page compressed (zstd-jni's ZstdOutputStream), and on a busy
     * machine the finalizer thread lags behind: what those streams hold is garbage the consumer no longer
     * references, so finalization runs before counting.
     */
    @SuppressWarnings("removal")
    private static long liveHeapAfterGc() {
        System.gc();
        System.runFinalization();
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    @Test
    void bufferedBytesStayWithinTheBudgetAcrossAThousandPartitionsTimesTwentyFourHours() {
        var consumer = new RecordingConsumer();
        var partitions = new ArrayList<TopicPartition>();
        var beginning = new HashMap<TopicPartition, Long>();
        for (int p = 0; p < PARTITIONS; p++) {
            var tp = new TopicPartition("clickstream", p);
            partitions.add(tp);
            beginning.put(tp, 0L);
        }
        consumer.assign(partitions);
        consumer.updateBeginningOffsets(beginning);
        var s3 = new DiscardingS3();
        var metrics = new ConsumerMetrics(new SimpleMeterRegistry());
        var clock = new MutableClock(Instant.parse("2026-01-20T00:30:00Z"));
        var wiring = new TestLoop(consumer, s3, "bucket", spool, clock, new DirectExecutorService(), metrics,
                new AtomicBoolean(true));
        wiring.parquet = new ParquetSettings("zstd", 32L << 20, 256L << 10);
        wiring.limits = new BatchLimits(1_000_000, 128L << 20, Duration.ofHours(1));
        wiring.budget = BUDGET;
        TestLoop.Wired wired = wiring.wire();
        SinkLoop loop = wired.loop();
        Deliveries deliveries = wired.deliveries();

        long baseline = liveHeapAfterGc();
        long worstAfterStep = 0;
        long worstAfterPoll = 0;
        long worstRetainedHeap = 0;
        var next = new long[PARTITIONS];
        int turns = 0;
        long records = 0;
        // Every partition gets one record of every hour, in poll-sized chunks.
        for (int pass = 0; pass < 1; pass++) {
            for (int first = 0; first < PARTITIONS; first += 20) {
                List<ConsumerRecord<ByteBuffer, ByteBuffer>> poll = new ArrayList<>(20 * HOURS);
                for (int p = first; p < first + 20; p++) {
                    for (int h = 0; h < HOURS; h++) {
                        Instant t = H0.plus(Duration.ofHours(h)).plusSeconds(pass * 60L + p % 60);
                        poll.add(Records.record(partitions.get(p), next[p]++, t, Events.json("e-" + p + "-" + next[p], t)));
                    }
                }
                loop.handle(Records.batch(poll));
                records += poll.size();
                worstAfterPoll = Math.max(worstAfterPoll, deliveries.bufferedBytes());
                clock.advance(Duration.ofMillis(10));
                loop.step(clock.millis());
                worstAfterStep = Math.max(worstAfterStep, deliveries.bufferedBytes());
                if (++turns % 10 == 0) {
                    worstRetainedHeap = Math.max(worstRetainedHeap, liveHeapAfterGc() - baseline);
                }
            }
        }
        System.out.printf("BufferBudgetIT: %d records, %d turns, %d uploads; buffered bytes: worst after a turn %.1f MB, "
                        + "worst right after a poll %.1f MB (budget %d MB); retained heap above baseline: worst %.1f MB%n",
                records, turns, s3.puts.get(), worstAfterStep / 1048576.0, worstAfterPoll / 1048576.0, BUDGET >> 20,
                worstRetainedHeap / 1048576.0);

        assertThat(worstAfterStep).as("buffered bytes after a turn").isLessThanOrEqualTo(BUDGET);
        assertThat(s3.puts.get()).as("the budget forced early uploads").isPositive();
        assertThat(worstRetainedHeap).as("retained heap above the baseline").isLessThan(BUDGET + HEAP_OVERHEAD_ALLOWED);
    }
}
