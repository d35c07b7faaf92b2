package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.clickstream.common.config.ConfigException;
import io.clickstream.common.event.ClickEvent;
import io.clickstream.producer.publish.ClusterAccess;
import io.clickstream.producer.publish.KafkaClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Values that every check accepts one by one, but that pace or simulate nonsense: the run must still end (or be
 * refused at start-up with exit code 2), and event times must stay where the consumer accepts them.
 */
class ProducerPacingHostileTest {

    private static final KafkaClients MOCK_KAFKA = new KafkaClients() {
        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
            return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public ClusterAccess cluster(Map<String, Object> adminProperties) {
            return new ClusterAccess() {
                @Override
                public int describeCluster(Duration timeout) {
                    return 1;
                }

                @Override
                public OptionalInt partitions(String topic, Duration timeout) {
                    return OptionalInt.of(3);
                }

                @Override
                public void createTopic(String topic, int partitions, short replicationFactor, Duration timeout) {
                }

                @Override
                public void close() {
                }
            };
        }
    };

    /**
     * {@code --rate 1e-300} passes the 0..10,000,000 check; the derived session rate makes the mean gap between
     * arrivals infinite, the arrival time overflows, and ClickstreamGenerator's warm-up loops forever (100 % CPU,
     * heap growing by the GB), before a single event; SIGTERM then waits 15 minutes for the main thread.
     */
    @Test
    void aVanishinglySmallRateIsRefusedOrSimulatesWithoutHanging() {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ProducerMain.run(
                new String[] {"--report", "100", "--rate", "1e-300", "--seed", "1"}, Map.of(), new ProducerApp(MOCK_KAFKA),
                new AtomicBoolean(), new PrintWriter(out, true), new PrintWriter(err, true)));

        if (code == ProducerMain.BAD_CONFIG) {
            assertThat(err.toString()).startsWith("config error: --rate (PRODUCER_RATE)=1e-300");
        } else {
            assertThat(code).isZero();
        }
    }

    /**
     * {@code PRODUCER_RATE=1e-12}: a rate the checks accept. The arrivals' clock overflows, and the first events are
     * dated decades after the start (2054 for a start in 2026, seed 1): a paced run waits for them, silently.
     */
    @Test
    void aTinyRateIsRefusedOrKeepsTheFirstEventsNearTheStart() {
        Map<String, String> env = Map.of("PRODUCER_RATE", "1e-12", "PRODUCER_SEED", "1");
        ProducerConfig config;
        try {
            config = ProducerConfig.from(env, Set.of());
        } catch (ConfigException refused) {
            assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_RATE=1e-12");
            return;
        }
        Instant now = Instant.parse("2026-01-19T12:00:00Z");
        var generator = SimulationPlan.of(config, now).generator(config.seed());
        ClickEvent first = assertTimeoutPreemptively(Duration.ofSeconds(10), generator::next);

        assertThat(first.timestamp()).as("the first event of a run starting at %s", now)
                .isBetween(now, now.plus(Duration.ofDays(1)));
    }

    /**
     * {@code --rate 0} promises "never ahead of the wall clock"; a start time in the future (accepted up to 2100)
     * then makes the producer wait, sending nothing, until that time comes: {@code --events 5} never ends. Asked
     * to stop, it reports success for a run that sent nothing.
     */
    @Test
    void anUnthrottledRunWithAStartTimeInTheFutureIsRefusedOrStillSendsItsEvents() throws Exception {
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Map<String, String> env = Map.of("PRODUCER_RATE", "0", "PRODUCER_EVENTS", "5", "PRODUCER_SEED", "3",
                "PRODUCER_START_TIME", tomorrow);
        ProducerConfig config;
        try {
            config = ProducerConfig.from(env, Set.of());
        } catch (ConfigException refused) {
            assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_START_TIME=");
            return;
        }
        var stop = new AtomicBoolean();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<ProducerSummary> run = thread.submit(() -> new ProducerApp(MOCK_KAFKA).run(config, stop));
            ProducerSummary summary;
            try {
                summary = run.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillWaiting) {
                stop.set(true);
                summary = run.get(10, TimeUnit.SECONDS);
            }
            assertThat(summary.sent()).as(String.join("\n", summary.describe())).isEqualTo(5);
            assertThat(summary.outcome()).isEqualTo(ProducerSummary.Outcome.FINISHED);
        } finally {
            stop.set(true);
            thread.shutdownNow();
        }
    }

    /**
     * An unthrottled run that has caught up with the wall clock waits for its next event on the making thread,
     * while the publishing thread waits in {@code PregeneratedRecords.next()} ({@code queue.take()}) and never looks
     * at the stop flag: with a small shop ({@code --session-rate 0.001}) a stop request (SIGTERM) is not honoured
     * until the next event is due, minutes later. The jar's shutdown hook waits up to 15 minutes for it.
     */
    @Test
    void aStopRequestEndsAnUnthrottledRunThatWaitsForItsNextEvent() throws Exception {
        var config = ProducerConfig.from(Map.of("PRODUCER_RATE", "0", "PRODUCER_SESSION_RATE", "0.001",
                "PRODUCER_SEED", "11"), Set.of());
        var stop = new AtomicBoolean();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<ProducerSummary> run = thread.submit(() -> new ProducerApp(MOCK_KAFKA).run(config, stop));
            Thread.sleep(3_000); // the hour of back-fill (a handful of sessions) is sent: now it waits for the clock
            assertThat(run.isDone()).as("an unlimited run still running").isFalse();

            stop.set(true);
            ProducerSummary summary = run.get(5, TimeUnit.SECONDS);

            assertThat(summary.outcome()).isEqualTo(ProducerSummary.Outcome.STOPPED);
            assertThat(summary.acked()).isEqualTo(summary.sent());
        } finally {
            stop.set(true);
            thread.shutdownNow();
        }
    }

    /** The same wait as above ignores the duration limit too: {@code --duration 2s} runs until the next event comes. */
    @Test
    void theDurationEndsAnUnthrottledRunThatWaitsForItsNextEvent() throws Exception {
        var config = ProducerConfig.from(Map.of("PRODUCER_RATE", "0", "PRODUCER_SESSION_RATE", "0.001",
                "PRODUCER_DURATION", "2s", "PRODUCER_SEED", "11"), Set.of());
        var stop = new AtomicBoolean();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<ProducerSummary> run = thread.submit(() -> new ProducerApp(MOCK_KAFKA).run(config, stop));

            ProducerSummary summary = run.get(8, TimeUnit.SECONDS);

            assertThat(summary.outcome()).isEqualTo(ProducerSummary.Outcome.FINISHED);
            assertThat(summary.acked()).isEqualTo(summary.sent());
        } finally {
            stop.set(true);
            thread.shutdownNow();
        }
    }

    /**
     * {@code PRODUCER_EVENTS} accepts up to Long.MAX_VALUE; with the default {@code --rate 0} the timeline is started
     * far enough back to hold that many events, and the start overflows: {@code java -jar clickstream-producer.jar
     * --events 9223372036854775807} ends with "unexpected error: java.lang.ArithmeticException: long overflow", a
     * stack trace and exit code 1, after the start-up check.
     */
    @Test
    void theLargestAcceptedEventCountIsRefusedOrRunsWithoutAnUnexpectedError() {
        Map<String, String> env = Map.of("PRODUCER_EVENTS", Long.toString(Long.MAX_VALUE), "PRODUCER_RATE", "0",
                "PRODUCER_SEED", "1");
        ProducerConfig config;
        try {
            config = ProducerConfig.from(env, Set.of());
        } catch (ConfigException refused) {
            assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_EVENTS=");
            return;
        }
        var stop = new AtomicBoolean();
        ProducerSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ExecutorService stopper = Executors.newSingleThreadExecutor();
            try {
                stopper.submit(() -> {
                    Thread.sleep(2_000);
                    stop.set(true);
                    return null;
                });
                return new ProducerApp(MOCK_KAFKA).run(config, stop);
            } finally {
                stopper.shutdownNow();
            }
        });

        assertThat(summary.succeeded()).as(String.join("\n", summary.describe())).isTrue();
    }

    /**
     * With {@code --rate 0} and no start time, a large {@code PRODUCER_EVENTS} starts the timeline decades back:
     * {@code --events 100000000000} dates the first events in 1960, before 2000, so the consumer rejects every one of
     * them; the same check refuses such a {@code --start-time} ("the consumer rejects event times outside that range").
     */
    @Test
    void aLargeEventCountNeverDatesEventsBeforeWhatTheConsumerAccepts() {
        Map<String, String> env = Map.of("PRODUCER_EVENTS", "100000000000", "PRODUCER_RATE", "0", "PRODUCER_SEED", "1");
        ProducerConfig config;
        try {
            config = ProducerConfig.from(env, Set.of());
        } catch (ConfigException refused) {
            assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_EVENTS=");
            return;
        }
        Instant now = Instant.parse("2026-12-06T00:00:00Z");
        ClickEvent first = SimulationPlan.of(config, now).generator(config.seed()).next();

        assertThat(first.timestamp()).isAfterOrEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    }

    /**
     * {@code PRODUCER_START_TIME} is checked against the consumer's range (before 2100), but only the start: a
     * back-fill that starts in the last minute of 2099 goes on into 2100, where the consumer rejects every event.
     */
    @Test
    void aBackfillStartingJustBefore2100NeverDatesEventsWhereTheConsumerRejectsThem() {
        Map<String, String> env = Map.of("PRODUCER_START_TIME", "2099-12-31T23:59:00Z", "PRODUCER_RATE", "1000",
                "PRODUCER_SPEEDUP", "3600", "PRODUCER_EVENTS", "10000", "PRODUCER_SEED", "1");
        ProducerConfig config;
        try {
            config = ProducerConfig.from(env, Set.of());
        } catch (ConfigException refused) {
            assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_START_TIME=");
            return;
        }
        var generator = SimulationPlan.of(config, Instant.parse("2026-12-06T00:00:00Z")).generator(config.seed());
        Instant last = null;
        for (int i = 0; i < 10_000; i++) {
            last = generator.next().timestamp();
        }

        assertThat(last).as("the 10,000th event of the run").isBefore(Instant.parse("2100-01-01T00:00:00Z"));
    }

    /** Both limits set: whichever comes first ends the run, and the run still says what it sent. */
    @Test
    void eventsAndDurationTogetherStopAtWhicheverComesFirst() throws Exception {
        var config = ProducerConfig.from(Map.of("PRODUCER_RATE", "50", "PRODUCER_EVENTS", "1000000",
                "PRODUCER_DURATION", "1500ms", "PRODUCER_SEED", "5"), Set.of());
        ProducerSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new ProducerApp(MOCK_KAFKA).run(config, new AtomicBoolean()));

        assertThat(summary.outcome()).isEqualTo(ProducerSummary.Outcome.FINISHED);
        assertThat(summary.sent()).isPositive().isLessThan(1000);
        assertThat(summary.acked()).isEqualTo(summary.sent());
        assertThat(summary.elapsed()).isLessThan(Duration.ofSeconds(10));
    }

    /** Imperfection ratios at their extremes: all late, all duplicated; the count is still exactly N. */
    @Test
    void extremeImperfectionRatiosStillSendExactlyTheRequestedNumberOfRecords() {
        var config = ProducerConfig.from(Map.of("PRODUCER_EVENTS", "3000", "PRODUCER_SEED", "9",
                "PRODUCER_LATE_RATIO", "1", "PRODUCER_DUPLICATE_RATIO", "1", "PRODUCER_RATE", "0"), Set.of());
        ProducerSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> new ProducerApp(MOCK_KAFKA).run(config, new AtomicBoolean()));

        assertThat(summary.succeeded()).as(String.join("\n", summary.describe())).isTrue();
        assertThat(summary.sent()).isEqualTo(3000);
        assertThat(summary.traffic().total()).isEqualTo(3000);
    }

    /** Ratios that sum over 1 are one refusal, naming the first of them. */
    @Test
    void imperfectionRatiosSummingOverOneAreRefusedInOneLine() {
        assertThatCode(() -> ProducerConfig.from(Map.of("PRODUCER_INVALID_RATIO", "0.5", "PRODUCER_LATE_RATIO", "0.4",
                "PRODUCER_OUT_OF_ORDER_RATIO", "0.2"), Set.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("PRODUCER_INVALID_RATIO=0.5: plus PRODUCER_LATE_RATIO"));
    }
}
