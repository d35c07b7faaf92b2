package io.clickstream.consumer;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.consumer.delivery.Deliveries;
import io.clickstream.consumer.delivery.FaultHooks;
import io.clickstream.consumer.delivery.GenerationPublisher;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.generation.LakeFiles;
import io.clickstream.consumer.generation.SpoolDirectory;
import io.clickstream.consumer.intake.RecordIntake;
import io.clickstream.consumer.intake.Workers;
import io.clickstream.consumer.kafka.SinkLoop;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.metrics.MetricsServer;
import io.clickstream.consumer.metrics.PeriodicCheck;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.RecordRouter;
import io.clickstream.consumer.s3.BucketPreflight;
import io.clickstream.consumer.s3.S3Uploader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/** Wires the consumer's parts from its configuration and runs the sink until stopped. No System.exit here. */
public final class ConsumerApp {
    private static final Logger log = LoggerFactory.getLogger(ConsumerApp.class);
    /** How often S3 is asked (HEAD bucket) for /ready while no upload tells. */
    private static final Duration S3_PROBE_INTERVAL = Duration.ofSeconds(30);

    private final ConsumerConfig config;
    private final FaultHooks hooks;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private volatile MetricsServer metricsServer;

    public ConsumerApp(ConsumerConfig config, FaultHooks hooks) {
        this.config = config;
        this.hooks = hooks;
    }

    /** A start-up problem that retrying will not fix (exit code 2). */
    public static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StartupException(String message) {
            super(message, null, false, false);
        }
    }

    /** Asks the loop to stop: it then flushes, uploads and commits what it holds. Safe from any thread. */
    public void stop() {
        running.set(false);
        var c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    public int metricsPort() {
        var server = metricsServer;
        return server == null ? -1 : server.port();
    }

    public SinkSummary run() {
        log.info("starting consumer: {}", config);
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var metrics = new ConsumerMetrics(registry);
        SpoolDirectory spoolDir = prepareSpool(config.spoolDir());
        Path spool = spoolDir.path();
        ExecutorService uploads = Executors.newFixedThreadPool(4, uploadThreads());
        PeriodicCheck s3Probe = null;
        try (spoolDir; S3Client s3 = S3ClientFactory.create(config)) {
            // Before the bucket check, which may wait long for S3: a port in use fails the start at once, and
            // /health and /ready answer (alive, not ready) while it waits.
            startMetricsServer(registry, metrics);
            awaitBucket(s3, metrics);
            if (!running.get()) {
                return new SinkSummary(0, 0, 0, 0, 0, true);
            }
            s3Probe = new PeriodicCheck("s3-probe", S3_PROBE_INTERVAL,
                    () -> BucketPreflight.check(s3, config.bucket()) instanceof BucketPreflight.Outcome.Ready,
                    metrics.health()::s3);
            var workers = new Workers(config.decodeThreads(), "intake");
            DeadLetterSender deadLetters = config.deadLetterEnabled()
                    ? new DeadLetterSender(KafkaClients.deadLetterProducer(config), config.dlqTopic()) : null;
            try {
                consumer = KafkaClients.consumer(config);
                if (!running.get()) {
                    consumer.close();
                    return new SinkSummary(0, 0, 0, 0, 0, true);
                }
                Clock clock = Clock.systemUTC();
                var router = new RecordRouter(new EventDecoder(config.maxRecordBytes()), config.partitionTime(),
                        config.lateEventMax(), config.lateEventTarget());
                var lakeFiles = new LakeFiles(new ObjectKeyLayout(config.prefix()),
                        new ParquetSettings(config.parquetCompression(), config.parquetRowGroupBytes(), config.parquetPageBytes()),
                        spool);
                var intake = new RecordIntake(router, deadLetters, metrics, workers, lakeFiles, clock);
                var publisher = new GenerationPublisher(new S3Uploader(s3, config.bucket()), uploads, metrics, hooks);
                var deliveries = new Deliveries(consumer, publisher, config.uploadBackoffMax(), metrics);
                var settings = new SinkLoop.Settings(config.topic(),
                        new BatchLimits(config.maxBatchRecords(), config.maxBatchBytes(), config.maxBatchAge()),
                        config.bufferMaxBytes(), config.exitWhenIdle(), config.shutdownTimeout(), config.progressInterval());
                SinkSummary summary = new SinkLoop(settings, consumer, intake, deliveries, metrics, clock, running).run();
                log.info("consumer stopped: consumed={} valid={} invalid={} files={} bytes={} {}", summary.consumed(),
                        summary.valid(), summary.invalid(), summary.filesUploaded(), summary.bytesUploaded(),
                        summary.drainedCleanly() ? "everything committed" : "some work left uncommitted (will be replayed)");
                return summary;
            } finally {
                workers.close();
                if (deadLetters != null) {
                    deadLetters.close();
                }
            }
        } finally {
            if (s3Probe != null) {
                s3Probe.close();
            }
            uploads.shutdownNow();
            awaitTermination(uploads);
            var server = metricsServer;
            if (server != null) {
                server.close();
            }
            registry.close();
        }
    }

    /** A port in use or an address not of this machine is a start-up problem (exit 2), in one line. */
    private void startMetricsServer(PrometheusMeterRegistry registry, ConsumerMetrics metrics) {
        if (config.metricsPort() == 0) {
            return;
        }
        try {
            metricsServer = new MetricsServer(config.metricsHost(), config.metricsPort(), registry, metrics.health());
        } catch (MetricsServer.CannotListen e) {
            throw new StartupException(e.getMessage());
        }
        log.info("metrics on http://{}/metrics, liveness /health, readiness /ready", metricsServer.address());
    }

    /**
     * A missing bucket or refused credentials stop the start (exit 2); an unreachable S3 is waited for,
     * one line per attempt, because the process must never give up on S3 being down.
     */
    private void awaitBucket(S3Client s3, ConsumerMetrics metrics) {
        Duration wait = Duration.ofSeconds(1);
        for (int attempt = 1; running.get(); attempt++) {
            BucketPreflight.Outcome outcome = BucketPreflight.check(s3, config.bucket());
            metrics.health().alive(); // waiting for S3 is what the process should be doing: it is alive
            metrics.health().s3(outcome instanceof BucketPreflight.Outcome.Ready);
            if (outcome instanceof BucketPreflight.Outcome.Ready) {
                if (attempt > 1) {
                    log.info("S3 is reachable, bucket '{}' ready", config.bucket());
                }
                return;
            }
            if (outcome instanceof BucketPreflight.Outcome.Misconfigured bad) {
                throw new StartupException(bad.message());
            }
            log.warn("{} (attempt {}), retrying in {} s", ((BucketPreflight.Outcome.Unavailable) outcome).message(),
                    attempt, wait.toSeconds());
            sleep(wait);
            wait = Duration.ofSeconds(Math.min(30, wait.toSeconds() * 2));
        }
    }

    /** This instance's own locked folder inside SPOOL_DIR (instances may share SPOOL_DIR). */
    private static SpoolDirectory prepareSpool(Path dir) {
        try {
            return SpoolDirectory.open(dir);
        } catch (IOException e) {
            throw new StartupException("SPOOL_DIR " + dir + " is not a writable folder: " + e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory uploadThreads() {
        var n = new AtomicInteger();
        return r -> {
            var t = new Thread(r, "s3-upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}
