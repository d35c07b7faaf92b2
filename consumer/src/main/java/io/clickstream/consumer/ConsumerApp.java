package io.clickstream.consumer;

import io.clickstream.consumer.delivery.Deliveries;
import io.clickstream.consumer.delivery.FaultHooks;
import io.clickstream.consumer.delivery.GenerationPublisher;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.generation.LakeFiles;
import io.clickstream.consumer.generation.SpoolDirectory;
import io.clickstream.consumer.hours.AdminGroupProgress;
import io.clickstream.consumer.hours.HourFinalizer;
import io.clickstream.consumer.hours.HourMarker;
import io.clickstream.consumer.hours.HourSettings;
import io.clickstream.consumer.hours.StragglerRule;
import io.clickstream.consumer.intake.RecordIntake;
import io.clickstream.consumer.intake.Workers;
import io.clickstream.consumer.kafka.PollBytes;
import io.clickstream.consumer.kafka.SinkLoop;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.metrics.MetricsServer;
import io.clickstream.consumer.metrics.PeriodicCheck;
import io.clickstream.consumer.route.RecordRouter;
import io.clickstream.consumer.s3.BucketPreflight;
import io.clickstream.consumer.s3.S3Uploader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
    private volatile org.apache.kafka.clients.consumer.Consumer<ByteBuffer, ByteBuffer> consumer;
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
        var startup = new StartupWait(config.startupTimeout(), running::get, metrics.health()::alive);
        boolean looping = false;
        try (spoolDir; var s3Start = new S3Start(() -> S3ClientFactory.create(config),
                (client, wanted) -> startup.awaitBucket(client, config.bucket(), wanted))) {
            // Before the start-up wait, which may be long: a port in use fails the start at once, and /health and
            // /ready answer (alive, not ready) while it waits.
            startMetricsServer(registry, metrics);
            startup.abortOn(s3Start::throwIfFailed);
            if (!config.kafkaClient().isEmpty()) {
                log.info("Kafka client properties: {}", config.kafkaClient().describe());
            }
            config.kafkaClient().unknownNames().forEach(name -> log.warn("Kafka client property {} is not one Kafka's "
                    + "clients know (a typo?); it is passed on as given", name));
            // The consumer itself checks Kafka (one client, one connection, its classes loaded once); it joins the
            // group only once S3 is ready too.
            var pollBytes = new PollBytes(KafkaClients.pollMaxBytes(config));
            S3Client s3 = startUp(startup, s3Start, pollBytes, metrics);
            if (s3 == null) {
                return SinkSummary.nothingRead();
            }
            s3Probe = new PeriodicCheck("s3-probe", S3_PROBE_INTERVAL,
                    () -> BucketPreflight.check(s3, config.bucket()) instanceof BucketPreflight.Outcome.Ready,
                    metrics.health()::s3);
            var workers = new Workers(config.decodeThreads(), "intake");
            HourFinalizer finalizer = null;
            DeadLetterSender deadLetters = config.deadLetterEnabled()
                    ? new DeadLetterSender(KafkaClients.deadLetterProducer(config), config.dlqTopic()) : null;
            try {
                Clock clock = Clock.systemUTC();
                var router = new RecordRouter(config.routing());
                var lakeFiles = new LakeFiles(new ObjectKeyLayout(config.prefix()), config.parquet(), spool);
                HourSettings hours = config.hours();
                var intake = new RecordIntake(router, deadLetters, metrics, workers, lakeFiles, clock,
                        new StragglerRule(hours.grace(), hours.enabled()));
                var publisher = new GenerationPublisher(new S3Uploader(s3, config.bucket()), uploads, metrics, hooks,
                        config.dlqFailure());
                var deliveries = new Deliveries(consumer, publisher, config.uploadBackoffMax(), metrics,
                        hours.enabled() ? hours.grace() : null);
                var settings = new SinkLoop.Settings(config.topic(),
                        new BatchLimits(config.maxBatchRecords(), config.maxBatchBytes(), config.maxBatchAge()),
                        config.bufferMaxBytes(), config.exitWhenIdle(), config.shutdownTimeout(), config.progressInterval(),
                        hours);
                finalizer = hours.enabled() ? hourFinalizer(s3, metrics, clock) : null;
                if (finalizer != null) {
                    finalizer.start();
                }
                boolean staticClassic = config.groupInstanceId() != null
                        && config.groupProtocol() == ConsumerConfig.GroupProtocol.CLASSIC;
                var loop = new SinkLoop(settings, consumer, pollBytes, intake, deliveries, metrics, clock, running,
                        staticClassic ? new AdminPartitionOwners(config, "clickstream-owners-" + KafkaClients.instanceName()) : null);
                looping = true; // the loop closes the consumer, whatever happens
                SinkSummary summary = loop.run();
                if (finalizer != null) {
                    finalizer.checkBefore(Duration.ofSeconds(5)); // what the final drain committed may complete an hour
                }
                log.info("consumer stopped: consumed={} valid={} invalid={} files={} bytes={} {}", summary.consumed(),
                        summary.valid(), summary.invalid(), summary.filesUploaded(), summary.bytesUploaded(),
                        summary.drainedCleanly() ? "everything committed" : "NOT everything committed");
                summary.notCommitted().forEach(work -> log.warn("not committed: {}; replayed from the last commit", work));
                return summary;
            } finally {
                if (finalizer != null) {
                    finalizer.close();
                }
                workers.close();
                if (deadLetters != null) {
                    deadLetters.close();
                }
            }
        } finally {
            var made = consumer;
            if (!looping && made != null) {
                made.close(Duration.ZERO); // never subscribed: nothing to leave or commit
            }
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

    /**
     * The start-up waits, with the consumer made (at the first attempt whose host names resolve) but not yet
     * subscribed: Kafka (asked through the consumer itself), under the consumer protocol the group's session timeout,
     * then S3 (checked beside them on a thread of its own), and last, under the consumer protocol, the static
     * instance id. The S3 client, or null if the consumer was stopped meanwhile.
     */
    private S3Client startUp(StartupWait startup, S3Start s3Start, PollBytes pollBytes, ConsumerMetrics metrics) {
        startup.awaitKafka(() -> {
            if (consumer == null) {
                consumer = KafkaClients.consumer(config, pollBytes);
            }
            return consumer;
        }, config.topic(), config.kafkaBroker(), config.kafkaClient());
        if (consumer == null) {
            return null; // stopped before Kafka answered
        }
        boolean consumerProtocol = config.groupProtocol() == ConsumerConfig.GroupProtocol.CONSUMER;
        String startupClient = "clickstream-startup-" + KafkaClients.instanceName();
        if (consumerProtocol) {
            GroupSessionTimeout.apply(config.kafkaBroker(), config.kafkaClient(), startupClient, config.groupId(),
                    config.sessionTimeout());
        }
        S3Client s3 = s3Start.await();
        metrics.health().s3(true);
        if (consumerProtocol && config.groupInstanceId() != null && running.get()) {
            // Last, just before the subscribe: a live holder removed earlier would rejoin with the id while this
            // start waited for S3, and this consumer, the newest, would then be the one refused.
            startup.claimInstanceId(config.kafkaBroker(), config.kafkaClient(), startupClient, config.groupId(),
                    config.groupInstanceId());
        }
        return running.get() ? s3 : null;
    }

    /** Marks complete hours while the sink runs, on its own thread, with its own Admin client. */
    private HourFinalizer hourFinalizer(S3Client s3, ConsumerMetrics metrics, Clock clock) {
        var progress = new AdminGroupProgress(() -> KafkaClients.admin(config, "clickstream-hours-" + KafkaClients.instanceName()),
                config.topic(), config.groupId());
        var marker = new HourMarker(s3, config.bucket(), new ObjectKeyLayout(config.prefix()), config.topic(),
                config.hours().deleteOrphans());
        return new HourFinalizer(progress, marker, config.hours(), clock, metrics);
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
}
