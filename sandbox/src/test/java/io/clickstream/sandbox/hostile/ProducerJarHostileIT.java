package io.clickstream.sandbox.hostile;

import static io.clickstream.sandbox.hostile.ProducerRuns.awaitLine;
import static io.clickstream.sandbox.hostile.ProducerRuns.lastSummary;
import static io.clickstream.sandbox.hostile.ProducerRuns.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.ProducerConfig;
import io.clickstream.producer.ProducerMain;
import io.clickstream.sandbox.embedded.EmbeddedKafka;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The producer's jar against a real (embedded) broker that refuses, goes away, or leaves it waiting: the exit code
 * and the summary line must say what happened, and what the summary counts as acknowledged is what the topic holds.
 */
class ProducerJarHostileIT {
    private static EmbeddedKafka kafka;

    @RegisterExtension
    final JarProcesses processes = JarProcesses.producer();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(0, null);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Map<String, String> env(String topic) {
        var env = new HashMap<String, String>();
        env.put(ProducerConfig.BROKER.env(), kafka.bootstrapServers());
        env.put(ProducerConfig.TOPIC.env(), topic);
        env.put(ProducerConfig.SEED.env(), "17");
        env.put(ProducerConfig.PROGRESS_INTERVAL.env(), "1s");
        return env;
    }

    @Test
    void aTopicThatRefusesEveryRecordAsTooLargeEndsWithExitOneAndEveryEventCountedAsNotDelivered() throws Exception {
        String topic = "hostile-too-large";
        try (var topics = new KafkaTopics(kafka.bootstrapServers())) {
            topics.create(topic, 2, 64); // no event fits in 64 bytes
        }
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.EVENTS.env(), "200");
        env.put(ProducerConfig.DELIVERY_TIMEOUT.env(), "10s");

        JarProcess producer = processes.start(topic, env);
        int exit = producer.awaitExit(Duration.ofSeconds(60));

        List<String> lines = producer.lines();
        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.FAILED);
        Matcher summary = lastSummary(lines);
        assertThat(number(summary.group(2))).as("sent").isEqualTo(200);
        assertThat(number(summary.group(3))).as("acked").isZero();
        assertThat(number(summary.group(4))).as("failed").isEqualTo(200);
        assertThat(String.join("\n", lines)).contains("NOT ACKNOWLEDGED: 200 events", "RecordTooLargeException",
                "result: FAILED").doesNotContain("\tat ");
        assertThat(count(topic)).as("records in the topic").isZero();
    }

    @Test
    void aProducerPropertyThatRefusesEveryRecordLocallyEndsWithExitOneAndNoStackTrace() throws Exception {
        String topic = "hostile-max-request";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.EVENTS.env(), "100");
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put("KAFKA_CLIENT_MAX_REQUEST_SIZE", "100"); // smaller than any event

        JarProcess producer = processes.start(topic, env);
        int exit = producer.awaitExit(Duration.ofSeconds(60));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.FAILED);
        Matcher summary = lastSummary(producer.lines());
        assertThat(number(summary.group(3))).as("acked").isZero();
        assertThat(number(summary.group(4))).as("failed").isEqualTo(100);
        assertThat(producer.output()).contains("result: FAILED").doesNotContain("\tat ");
    }

    @Test
    void sigtermWhileTheBrokerIsDownEndsWithinTheDeliveryTimeoutCountingEveryEventAndExitsOne() throws Exception {
        String topic = "hostile-sigterm-broker-down";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.RATE.env(), "2000");
        env.put(ProducerConfig.DELIVERY_TIMEOUT.env(), "8s");

        JarProcess producer = processes.start(topic, env);
        try {
            awaitAtLeast(topic, 2_000, Duration.ofSeconds(60));
            kafka.stop();
            Thread.sleep(1_000); // events keep being made and sent into the void
            producer.terminate();
            int exit = producer.awaitExit(Duration.ofSeconds(60));

            List<String> lines = producer.lines();
            Matcher summary = lastSummary(lines);
            long sent = number(summary.group(2));
            long acked = number(summary.group(3));
            long failed = number(summary.group(4));
            assertThat(summary.group(1)).isEqualTo("stopped");
            assertThat(failed).as("events in flight when the broker went away").isPositive();
            assertThat(acked + failed).as("every sent event acknowledged or counted failed").isEqualTo(sent);
            assertThat(exit).as("exit code of a run with undelivered events").isEqualTo(ProducerMain.FAILED);
            assertThat(String.join("\n", lines)).contains("result: FAILED", "may still be in the topic")
                    .doesNotContain("\tat ");
            kafka.start();
            // A batch the broker wrote just before it stopped, whose answer never came, is counted failed yet is in
            // the log (Kafka's at-least-once): the topic holds every acknowledged event, and none that was not sent.
            assertThat(count(topic)).as("records in the topic").isBetween(acked, sent);
        } finally {
            kafka.start();
        }
    }

    /**
     * {@code --rate 0} with a small shop: the back-fill is sent within a second, then the run waits for each event's
     * time on the wall clock (minutes apart at 0.001 sessions per second). SIGTERM must still flush, print the
     * summary and exit 0 at once; the publishing thread waits in {@code PregeneratedRecords.next()} and never sees
     * the stop, and the shutdown hook waits up to 15 minutes for it.
     */
    @Test
    void sigtermEndsAnUnthrottledRunThatWaitsForItsNextEventAtOnce() throws Exception {
        String topic = "hostile-sigterm-waiting";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.RATE.env(), "0");
        env.put(ProducerConfig.SESSION_RATE.env(), "0.001");

        JarProcess producer = processes.start(topic, env);
        awaitLine(producer, "simulated time starts at", Duration.ofSeconds(60));
        Thread.sleep(3_000);
        producer.terminate();
        int exit = producer.awaitExit(Duration.ofSeconds(20));

        assertThat(exit).isEqualTo(ProducerMain.OK);
        Matcher summary = lastSummary(producer.lines());
        assertThat(summary.group(1)).isEqualTo("stopped");
        assertThat(number(summary.group(3))).as("acked").isEqualTo(number(summary.group(2)));
        assertThat(count(topic)).isEqualTo(number(summary.group(2)));
    }

    @Test
    void aReplicationFactorTheClusterCannotHaveEndsAfterTheStartupTimeoutWithExitOneNamingIt() throws Exception {
        String topic = "hostile-replication";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.REPLICATION_FACTOR.env(), "3");
        env.put(ProducerConfig.STARTUP_TIMEOUT.env(), "3s");

        JarProcess producer = processes.start(topic, env);
        int exit = producer.awaitExit(Duration.ofSeconds(30));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.FAILED);
        assertThat(producer.output()).contains("replication factor 3", "result: FAILED").doesNotContain("\tat ");
        assertThat(count(topic)).isZero();
    }

    /** Kafka refuses a topic whose name collides with another one's ('.' and '_' are the same in metric names). */
    @Test
    void aTopicNameThatCollidesWithAnExistingTopicEndsWithExitOneAndNoStackTrace() throws Exception {
        try (var topics = new KafkaTopics(kafka.bootstrapServers())) {
            topics.create("hostile_collide", 1);
        }
        String topic = "hostile.collide";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.EVENTS.env(), "10");
        env.put(ProducerConfig.STARTUP_TIMEOUT.env(), "5s");
        env.put(ProducerConfig.DELIVERY_TIMEOUT.env(), "5s");

        JarProcess producer = processes.start(topic, env);
        int exit = producer.awaitExit(Duration.ofSeconds(60));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.FAILED);
        assertThat(producer.output()).contains("result: FAILED", "hostile.collide").doesNotContain("\tat ");
    }

    /**
     * A topic that does not exist and that the broker will not create on the first event (as with
     * {@code auto.create.topics.enable=false}; here a name colliding with an existing topic's, which the embedded
     * broker's auto-creation refuses): the start-up check only warns, then every single event blocks in
     * {@code send()} for {@code max.block.ms} (the delivery timeout, at most 60 s) before it fails with "Topic ... not
     * present in metadata". 10 events with a 5 s delivery timeout take 50 s; with the defaults (2m, so 60 s each)
     * {@code --events 1000} takes about 17 hours to end with exit code 1, and an unlimited run never ends. Not mended:
     * inside {@code send()} a missing topic looks exactly like a broker that went away (both are "Topic ... not present
     * in metadata after max.block.ms", measured in {@code sigtermWhileTheBrokerIsDown...}), and an outage must not
     * end the run; telling them apart needs the cluster asked at that moment.
     */
    @Disabled("DEFECT: a topic the broker will not create costs max.block.ms (up to 60 s) per event; the run does not end")
    @Test
    void aTopicTheBrokerWillNotCreateEndsTheRunWithExitOneWithinAboutOneDeliveryTimeout() throws Exception {
        try (var topics = new KafkaTopics(kafka.bootstrapServers())) {
            topics.create("hostile_collide2", 1);
        }
        String topic = "hostile.collide2";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.EVENTS.env(), "10");
        env.put(ProducerConfig.DELIVERY_TIMEOUT.env(), "5s");

        JarProcess producer = processes.start(topic, env);
        int exit = producer.awaitExit(Duration.ofSeconds(20)); // JVM start + one 5 s delivery timeout, with room

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.FAILED);
        assertThat(producer.output()).contains("result: FAILED").doesNotContain("\tat ");
    }

    /** batch.size as large as the whole buffer and a long linger: batches beyond the broker's 1 MB limit are split. */
    @Test
    void theLargestBatchSizeWithALongLingerStillDeliversEveryEvent() throws Exception {
        String topic = "hostile-huge-batches";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.PARTITIONS.env(), "1");
        env.put(ProducerConfig.EVENTS.env(), "30000");
        env.put(ProducerConfig.BATCH_SIZE.env(), "64MB");
        env.put(ProducerConfig.LINGER_MS.env(), "2000");
        env.put(ProducerConfig.COMPRESSION.env(), "none");

        JarProcess producer = processes.start(topic, env);
        int exit = producer.awaitExit(Duration.ofSeconds(90));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.OK);
        Matcher summary = lastSummary(producer.lines());
        assertThat(number(summary.group(3))).as("acked").isEqualTo(30_000);
        assertThat(count(topic)).isEqualTo(30_000);
    }

    @Test
    void aBrokerDownAtStartThatComesUpWithinTheStartupTimeoutGetsEveryEvent() throws Exception {
        String topic = "hostile-late-broker";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.EVENTS.env(), "2000");
        env.put(ProducerConfig.STARTUP_TIMEOUT.env(), "40s");
        kafka.stop();
        JarProcess producer;
        try {
            producer = processes.start(topic, env);
            awaitLine(producer, "not ready (attempt 2", Duration.ofSeconds(30));
        } finally {
            kafka.start();
        }
        int exit = producer.awaitExit(Duration.ofSeconds(60));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.OK);
        Matcher summary = lastSummary(producer.lines());
        assertThat(summary.group(1)).isEqualTo("finished");
        assertThat(number(summary.group(3))).as("acked").isEqualTo(2000);
        assertThat(count(topic)).isEqualTo(2000);
        assertThat(producer.output()).doesNotContain("\tat ");
    }

    /** SIGTERM while the broker is away, and the broker back within the delivery timeout: the flush gets every ack. */
    @Test
    void sigtermDuringTheFlushWithTheBrokerBackInTimeExitsZeroWithEverySentEventInTheTopic() throws Exception {
        String topic = "hostile-sigterm-flush";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.RATE.env(), "2000");
        env.put(ProducerConfig.DELIVERY_TIMEOUT.env(), "60s");

        JarProcess producer = processes.start(topic, env);
        try {
            awaitAtLeast(topic, 2_000, Duration.ofSeconds(60));
            kafka.stop();
            producer.terminate(); // the flush now waits for a broker that is away
            Thread.sleep(2_000);
            assertThat(producer.isAlive()).as("still flushing").isTrue();
        } finally {
            kafka.start();
        }
        int exit = producer.awaitExit(Duration.ofSeconds(60));

        Matcher summary = lastSummary(producer.lines());
        long sent = number(summary.group(2));
        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.OK);
        assertThat(summary.group(1)).isEqualTo("stopped");
        assertThat(number(summary.group(3))).as("acked").isEqualTo(sent);
        assertThat(producer.output()).contains("result: every event sent was acknowledged");
        assertThat(count(topic)).as("records in the topic").isEqualTo(sent);
    }

    /**
     * The largest event count the flag's own range takes, with the default --rate 0: no timeline holds that many
     * events (it would start before the year 2000), so the run is refused at once, in one line naming the variable,
     * before it connects (it used to crash after the start-up check with a stack trace).
     */
    @Test
    void anEventCountNoTimelineHoldsIsRefusedInOneLineWithoutAStackTrace() throws Exception {
        String topic = "hostile-max-events";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.EVENTS.env(), Long.toString(Long.MAX_VALUE));

        JarProcess producer = processes.start(topic, env);
        int exit = producer.awaitExit(Duration.ofSeconds(30));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.BAD_CONFIG);
        assertThat(producer.output()).contains("PRODUCER_EVENTS=" + Long.MAX_VALUE)
                .doesNotContain("unexpected error", "\tat ", "Kafka at");
    }

    private static void awaitAtLeast(String topic, long records, Duration timeout) throws InterruptedException {
        ProducerRuns.awaitAtLeast(kafka.bootstrapServers(), topic, records, timeout);
    }

    private static long count(String topic) {
        return ProducerRuns.count(kafka.bootstrapServers(), topic);
    }
}
