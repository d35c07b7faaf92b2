package io.clickstream.producer;

import io.clickstream.producer.ProducerSummary.Outcome;
import io.clickstream.producer.publish.DeliveryCounters;
import io.clickstream.producer.publish.Errors;
import io.clickstream.producer.publish.EventPublisher;
import io.clickstream.producer.publish.EventTimePacer;
import io.clickstream.producer.publish.KafkaClients;
import io.clickstream.producer.publish.KafkaProperties;
import io.clickstream.producer.publish.Pacer;
import io.clickstream.producer.publish.PregeneratedRecords;
import io.clickstream.producer.publish.ProgressReporter;
import io.clickstream.producer.publish.PublishLoop;
import io.clickstream.producer.publish.RecordSource;
import io.clickstream.producer.publish.ShapedRecords;
import io.clickstream.producer.publish.Sleeper;
import io.clickstream.producer.publish.StartupCheck;
import io.clickstream.producer.publish.Ticker;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulatedClock;
import io.clickstream.producer.traffic.TrafficShaper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the producer in-process: checks the broker, simulates and publishes until a limit or a stop
 * request, flushes, and returns what happened. Never calls {@code System.exit}: {@link ProducerMain}
 * turns the summary into an exit code; the sandbox calls {@link #run} directly.
 */
public final class ProducerApp {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerApp.class);
    /** After the flush, closing only has to stop the I/O thread. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final InstantSource wallClock;

    /** With real Kafka clients and the system clock. */
    public ProducerApp() {
        this(KafkaClients.real());
    }

    /** With other Kafka clients (e.g. {@code MockProducer}) and the system clock. */
    public ProducerApp(KafkaClients clients) {
        this(clients, Ticker.SYSTEM, Sleeper.SYSTEM, InstantSource.system());
    }

    public ProducerApp(KafkaClients clients, Ticker ticker, Sleeper sleeper, InstantSource wallClock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /**
     * Produces until the configured event count or duration is reached, or {@code stop} becomes true,
     * then flushes. Blocks; call from a thread of your own to run it in the background.
     */
    public ProducerSummary run(ProducerConfig config, AtomicBoolean stop) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(stop, "stop");
        logStart(config);

        var plan = new StartupCheck.TopicPlan(config.topic(), config.createTopic(), config.partitions(),
                config.replicationFactor());
        // The user's client properties (security, SASL, TLS) go to every client, over the app's own.
        var client = config.kafkaClient();
        StartupCheck.Result check = new StartupCheck(() -> clients.cluster(client.over(KafkaProperties.admin(config.brokers()))),
                ticker, sleeper).run(config.brokers(), config.startupTimeout(), plan, stop::get);
        if (check instanceof StartupCheck.Result.Unreachable unreachable) {
            return finish(ProducerSummary.notStarted(Outcome.BROKER_UNREACHABLE, client.redact(unreachable.message()),
                    config.seed()));
        }
        if (check instanceof StartupCheck.Result.Failed failed) {
            return finish(ProducerSummary.notStarted(Outcome.KAFKA_ERROR, client.redact(failed.message()), config.seed()));
        }
        if (check instanceof StartupCheck.Result.Cancelled) {
            return finish(ProducerSummary.notStarted(Outcome.STOPPED, null, config.seed()));
        }
        var ready = (StartupCheck.Result.Ready) check;
        LOG.info("Kafka at {} is up: {} broker(s), topic {} with {}", config.brokers(), ready.brokers(), config.topic(),
                ready.partitions() == 0 ? "no partitions yet" : ready.partitions() + " partitions");

        Producer<byte[], byte[]> producer;
        try {
            producer = clients.producer(client.over(KafkaProperties.producer(config.brokers(),
                    config.compression().kafkaName(), config.lingerMs(), config.batchSize(), config.deliveryTimeout())));
        } catch (RuntimeException e) {
            return finish(ProducerSummary.notStarted(Outcome.KAFKA_ERROR,
                    client.redact("cannot create the Kafka producer: " + Errors.describe(e)), config.seed()));
        }
        return finish(publish(config, producer, stop));
    }

    private ProducerSummary publish(ProducerConfig config, Producer<byte[], byte[]> producer, AtomicBoolean stop) {
        long start = ticker.nanoTime();
        var clock = SimulatedClock.of(config.startTime(), config.speedup(), ticker::nanoTime, wallClock);
        boolean unthrottled = config.rate() == 0;
        SimulationPlan plan = SimulationPlan.of(config, unthrottled ? wallClock.instant() : clock.instant());
        plan.describe().forEach(LOG::info);
        ClickstreamGenerator generator = plan.generator(config.seed());
        var traffic = new TrafficShaper(generator, config.imperfections(), config.seed());
        RecordSource records;
        Pacer pacer;
        LongSupplier behind;
        if (unthrottled) {
            // Made on a thread of their own while this one sends, each once its time has come on the wall clock:
            // as fast as possible, and no event time is ever ahead of the moment it is sent.
            var ahead = PregeneratedRecords.start(traffic,
                    new EventTimePacer(generator::nextEventNanos, wallClock, 1, sleeper), config.events());
            records = ahead;
            pacer = Pacer.UNPACED;
            behind = ahead::behindNanos;
        } else {
            // Each record is made when its event's time comes on the run's clock, and sent at once.
            var dueTimes = new EventTimePacer(generator::nextEventNanos, clock, clock.speedup(), sleeper);
            records = new ShapedRecords(traffic, config.events());
            pacer = dueTimes;
            behind = dueTimes::behindNanos;
        }
        var counters = new DeliveryCounters();
        var publisher = new EventPublisher(producer, config.topic(), counters);
        var loop = new PublishLoop(records, publisher, pacer, counters, ticker);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "clickstream-progress");
            thread.setDaemon(true);
            return thread;
        });
        var progress = new ProgressReporter(counters, config.rate(), behind, ticker);
        long interval = config.progressInterval().toMillis();
        timer.scheduleAtFixedRate(progress, interval, interval, TimeUnit.MILLISECONDS);
        PublishLoop.End end;
        String brokenBy = null;
        try {
            end = loop.run(new PublishLoop.Limits(config.events(), config.duration()), stop);
            records.close(); // nothing more to make: the CPU is the flush's
            DeliveryCounters.Snapshot beforeFlush = counters.snapshot();
            if (beforeFlush.inFlight() > 0) {
                LOG.info("{}: flushing {} events in flight (waits at most {} if the broker is away)",
                        describe(end), beforeFlush.inFlight(), human(config.deliveryTimeout()));
            }
            publisher.flush();
        } catch (RuntimeException e) {
            // The producer broke (or flush() was interrupted): events not confirmed show in the summary.
            brokenBy = Errors.describe(e);
            end = PublishLoop.End.FATAL;
        } finally {
            records.close();
            timer.shutdownNow();
            closeQuietly(producer);
        }
        Duration elapsed = Duration.ofNanos(ticker.nanoTime() - start);
        Outcome outcome = switch (end) {
            case LIMIT_REACHED -> Outcome.FINISHED;
            case STOPPED -> Outcome.STOPPED;
            case FATAL -> Outcome.KAFKA_ERROR;
        };
        String problem = end != PublishLoop.End.FATAL ? null
                : counters.fatalError() != null ? counters.fatalError()
                : "publishing failed: " + brokenBy;
        return new ProducerSummary(outcome, problem, config.seed(), counters.sentCount(), counters.ackedCount(),
                counters.failedCount(), records.counts(), counters.failuresByError(), elapsed);
    }

    private void closeQuietly(Producer<byte[], byte[]> producer) {
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("closing the Kafka producer: {}", Errors.describe(e));
        }
    }

    private static String describe(PublishLoop.End end) {
        return switch (end) {
            case LIMIT_REACHED -> "limit reached";
            case STOPPED -> "stop requested";
            case FATAL -> "cannot send any more";
        };
    }

    private static void logStart(ProducerConfig config) {
        LOG.info("clickstream producer: topic {} at {}, {} events, {}, rate {}, seed {}", config.topic(),
                config.brokers(), config.events() == 0 ? "unlimited" : config.events(),
                config.duration().isZero() ? "no time limit" : "for " + human(config.duration()),
                config.rate() == 0 ? "unlimited (never ahead of the wall clock)"
                        : BigDecimal.valueOf(config.rate()).stripTrailingZeros().toPlainString() + "/s on average",
                config.seed());
        if (config.rate() > 0 && (config.startTime() != null || config.speedup() != 1)) {
            LOG.info("simulated time runs {}x real time", config.speedup());
        }
        if (!config.kafkaClient().isEmpty()) {
            LOG.info("Kafka client properties: {}", config.kafkaClient().describe());
        }
        config.kafkaClient().unknownNames().forEach(name -> LOG.warn("Kafka client property {} is not one Kafka's "
                + "clients know (a typo?); it is passed on as given", name));
        var imperfect = config.imperfections();
        if (imperfect.invalidRatio() + imperfect.lateRatio() + imperfect.outOfOrderRatio() + imperfect.duplicateRatio() > 0) {
            LOG.info("imperfect traffic: invalid {}, late {}, out of order {}, duplicates {}", imperfect.invalidRatio(),
                    imperfect.lateRatio(), imperfect.outOfOrderRatio(), imperfect.duplicateRatio());
        }
    }

    /** {@code 2m}, {@code 1h30m}, {@code 0.5s}. */
    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static ProducerSummary finish(ProducerSummary summary) {
        for (String line : summary.describe()) {
            if (summary.succeeded()) {
                LOG.info(line);
            } else {
                LOG.warn(line);
            }
        }
        return summary;
    }
}
