package io.clickstream.consumer.metrics;

import io.clickstream.common.validation.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's counters, timers and gauges, named {@code clickstream_*} in Prometheus, and the
 * {@link HealthState} behind {@code /health} and {@code /ready} (uploads tell it whether S3 answers).
 */
public final class ConsumerMetrics {
    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter valid;
    private final Map<Reason, Counter> invalid = new EnumMap<>(Reason.class);
    private final Counter filesUploaded;
    private final DistributionSummary bytesUploaded;
    private final Counter rowsUploaded;
    private final Timer uploadLatency;
    private final Counter uploadFailures;
    private final Counter uploadRetries;
    private final Timer commitLatency;
    private final Counter commits;
    private final Counter lateEvents;
    private final Counter stragglers;
    private final Counter hoursMarked;
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
    private final AtomicLong totalBytesUploaded = new AtomicLong();
    private final HealthState health = new HealthState(Clock.systemUTC());

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
        consumed = Counter.builder("clickstream.records.consumed").description("Records polled from Kafka").register(registry);
        valid = Counter.builder("clickstream.records.valid").description("Records written to Parquet").register(registry);
        for (Reason reason : Reason.values()) {
            invalid.put(reason, Counter.builder("clickstream.records.invalid").tag("reason", reason.code())
                    .description("Records rejected, by reason").register(registry));
        }
        lateEvents = Counter.builder("clickstream.records.late").description("Events routed as late").register(registry);
        stragglers = Counter.builder("clickstream.records.stragglers")
                .description("Rows of an hour their partition had already sealed, routed under late/").register(registry);
        hoursMarked = Counter.builder("clickstream.hours.marked")
                .description("Hours this consumer wrote _SUCCESS and _manifest.json for").register(registry);
        filesUploaded = Counter.builder("clickstream.files.uploaded").description("Parquet files uploaded").register(registry);
        rowsUploaded = Counter.builder("clickstream.rows.uploaded").description("Rows in uploaded files").register(registry);
        bytesUploaded = DistributionSummary.builder("clickstream.upload.bytes").baseUnit("bytes")
                .description("Bytes per uploaded file").register(registry);
        uploadLatency = Timer.builder("clickstream.upload.latency").description("Time to upload one file")
                .publishPercentiles(0.5, 0.99).register(registry);
        uploadFailures = Counter.builder("clickstream.upload.failures")
                .description("Batches whose upload failed after the SDK's retries").register(registry);
        uploadRetries = Counter.builder("clickstream.upload.retries")
                .description("Batch upload attempts after a failure").register(registry);
        commitLatency = Timer.builder("clickstream.commit.latency").description("Time of one offset commit").register(registry);
        commits = Counter.builder("clickstream.commits").description("Offset commits").register(registry);
    }

    /**
     * Gauges whose values the sink owns. The scrape thread reads them while the poll thread changes the state
     * they walk (its partitions, Parquet's column stores mid-flush), so a reading that fails on the way gives
     * the gauge's last good value rather than an error.
     */
    public void bindState(Supplier<Number> bufferedBytes, Supplier<Number> openFiles, Supplier<Number> oldestUncommittedSeconds) {
        Gauge.builder("clickstream.buffer.bytes", lastGood(bufferedBytes))
                .description("Encoded bytes held in memory across open files").baseUnit("bytes").register(registry);
        Gauge.builder("clickstream.files.open", lastGood(openFiles))
                .description("Parquet files being written").register(registry);
        Gauge.builder("clickstream.uncommitted.oldest.seconds", lastGood(oldestUncommittedSeconds))
                .description("Seconds since the oldest record not yet committed was consumed").register(registry);
    }

    /** The value, or the last one read when reading it now fails (0 before any). */
    static Supplier<Number> lastGood(Supplier<Number> value) {
        AtomicLong last = new AtomicLong(Double.doubleToLongBits(0));
        return () -> {
            try {
                double now = value.get().doubleValue();
                last.set(Double.doubleToLongBits(now));
                return now;
            } catch (RuntimeException e) {
                return Double.longBitsToDouble(last.get());
            }
        };
    }

    /** Gauges of the hour markers: the newest complete hour, and how old the oldest incomplete one is. */
    public void bindHours(Supplier<Number> newestCompleteHourEpochSeconds, Supplier<Number> oldestIncompleteHourAgeSeconds) {
        Gauge.builder("clickstream.hours.complete.newest", () -> newestCompleteHourEpochSeconds.get().doubleValue())
                .description("Start of the newest hour known complete (epoch seconds; 0 = none yet)").register(registry);
        Gauge.builder("clickstream.hours.incomplete.oldest.age.seconds", () -> oldestIncompleteHourAgeSeconds.get().doubleValue())
                .description("Seconds since the start of the oldest hour not yet complete").baseUnit("seconds").register(registry);
    }

    public void straggler() {
        stragglers.increment();
    }

    public void hourMarked() {
        hoursMarked.increment();
    }

    public void consumed(int n) {
        consumed.increment(n);
    }

    public void valid() {
        valid.increment();
    }

    public void invalid(Reason reason) {
        invalid.get(reason).increment();
    }

    public void late() {
        lateEvents.increment();
    }

    public void uploaded(long rows, long bytes, Duration took) {
        filesUploaded.increment();
        rowsUploaded.increment(rows);
        bytesUploaded.record(bytes);
        totalBytesUploaded.addAndGet(bytes);
        uploadLatency.record(took);
        health.s3(true);
    }

    public void uploadFailed() {
        uploadFailures.increment();
        health.s3(false);
    }

    public void uploadRetried() {
        uploadRetries.increment();
    }

    public void committed(Duration took) {
        commits.increment();
        commitLatency.record(took);
    }

    public void lag(TopicPartition partition, long value) {
        lag.computeIfAbsent(partition, p -> {
            var holder = new AtomicLong();
            Gauge.builder("clickstream.consumer.lag", holder, AtomicLong::get)
                    .tags(Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition())))
                    .description("Records behind the end of the partition").register(registry);
            return holder;
        }).set(value);
    }

    public long consumedCount() {
        return (long) consumed.count();
    }

    public long validCount() {
        return (long) valid.count();
    }

    public long invalidCount() {
        return (long) invalid.values().stream().mapToDouble(Counter::count).sum();
    }

    public long filesUploadedCount() {
        return (long) filesUploaded.count();
    }

    public long bytesUploadedCount() {
        return totalBytesUploaded.get();
    }

    public MeterRegistry registry() {
        return registry;
    }

    public HealthState health() {
        return health;
    }
}
