package io.clickstream.consumer.kafka;

import io.clickstream.consumer.delivery.DeadLetterFailure;
import io.clickstream.consumer.delivery.Deliveries;
import io.clickstream.consumer.delivery.FaultHooks;
import io.clickstream.consumer.delivery.GenerationPublisher;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.generation.LakeFiles;
import io.clickstream.consumer.intake.RecordIntake;
import io.clickstream.consumer.intake.Workers;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.LateEventTarget;
import io.clickstream.consumer.route.PartitionTime;
import io.clickstream.consumer.route.RecordRouter;
import io.clickstream.consumer.s3.S3Uploader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A {@link SinkLoop} wired the way {@code ConsumerApp} wires it, around a test's consumer, S3 client,
 * clock and upload executor; the fields are what a test may change.
 */
final class TestLoop {
    BatchLimits limits = new BatchLimits(1_000_000, 1L << 30, Duration.ofHours(1));
    long budget = 1L << 30;
    ParquetSettings parquet = new ParquetSettings("zstd", 1L << 20, 64 * 1024);
    DeadLetterSender deadLetters;
    Duration exitWhenIdle;
    Duration shutdownTimeout = Duration.ofSeconds(10);
    Duration uploadBackoffMax = Duration.ofSeconds(1);
    DeadLetterFailure deadLetterFailure = DeadLetterFailure.FAIL;
    Clock clock;
    Consumer<ByteBuffer, ByteBuffer> kafka;

    private final S3Client s3;
    private final String bucket;
    private final Path spool;
    private final ExecutorService uploads;
    private final ConsumerMetrics metrics;
    private final AtomicBoolean running;

    TestLoop(Consumer<ByteBuffer, ByteBuffer> kafka, S3Client s3, String bucket, Path spool, Clock clock, ExecutorService uploads,
            ConsumerMetrics metrics, AtomicBoolean running) {
        this.kafka = kafka;
        this.s3 = s3;
        this.bucket = bucket;
        this.spool = spool;
        this.clock = clock;
        this.uploads = uploads;
        this.metrics = metrics;
        this.running = running;
    }

    /** The loop and its deliveries, for tests that look at what the loop holds. */
    record Wired(SinkLoop loop, Deliveries deliveries) {
    }

    Wired wire() {
        var router = new RecordRouter(new RecordRouter.Rules(1 << 20, PartitionTime.INGESTION, Duration.ofHours(24),
                LateEventTarget.LATE_PREFIX, Instant.parse("2000-01-01T00:00:00Z")));
        var intake = new RecordIntake(router, deadLetters, metrics, new Workers(2, "test-intake"),
                new LakeFiles(new ObjectKeyLayout("lake"), parquet, spool), clock);
        var publisher = new GenerationPublisher(new S3Uploader(s3, bucket), uploads, metrics, FaultHooks.NONE,
                deadLetterFailure);
        var deliveries = new Deliveries(kafka, publisher, uploadBackoffMax, metrics);
        var settings = new SinkLoop.Settings("clickstream", limits, budget, exitWhenIdle, shutdownTimeout, Duration.ofHours(1), null);
        return new Wired(new SinkLoop(settings, kafka, new PollBytes(Long.MAX_VALUE), intake, deliveries, metrics, clock,
                running), deliveries);
    }
}
