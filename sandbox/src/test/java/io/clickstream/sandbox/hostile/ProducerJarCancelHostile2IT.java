package io.clickstream.sandbox.hostile;

import static io.clickstream.sandbox.hostile.ProducerRuns.awaitLine;
import static io.clickstream.sandbox.hostile.ProducerRuns.lastSummary;
import static io.clickstream.sandbox.hostile.ProducerRuns.SUMMARY;
import static io.clickstream.sandbox.hostile.ProducerRuns.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.ProducerConfig;
import io.clickstream.producer.ProducerMain;
import io.clickstream.sandbox.embedded.EmbeddedKafka;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The producer's jar ended by SIGTERM or its duration in the back-fill and in the real-time phase of --rate 0. */
class ProducerJarCancelHostile2IT {
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
        env.put(ProducerConfig.SEED.env(), "23");
        env.put(ProducerConfig.PROGRESS_INTERVAL.env(), "1s");
        env.put(ProducerConfig.CREATE_TOPIC.env(), "true");
        env.put(ProducerConfig.RATE.env(), "0");
        return env;
    }

    @Test
    void sigtermDuringTheBackfillExitsZeroStoppedWithEverySentEventAckedAndInTheTopic() throws Exception {
        String topic = "hostile2-sigterm-backfill";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.SESSION_RATE.env(), "1000");
        env.put(ProducerConfig.EVENTS.env(), "50000000");

        JarProcess producer = processes.start(topic, env);
        awaitAtLeast(topic, 2_000, Duration.ofSeconds(60));
        assertThat(producer.isAlive()).as("still back-filling").isTrue();
        producer.terminate();
        int exit = producer.awaitExit(Duration.ofSeconds(30));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.OK);
        Matcher summary = lastSummary(producer.lines());
        assertThat(summary.group(1)).isEqualTo("stopped");
        long sent = number(summary.group(2));
        assertThat(sent).isBetween(2_000L, 49_999_999L);
        assertThat(number(summary.group(3))).as("acked").isEqualTo(sent);
        assertThat(number(summary.group(4))).as("failed").isZero();
        assertThat(count(topic)).isEqualTo(sent);
        assertThat(producer.output()).doesNotContain("NOT ACKNOWLEDGED", "\tat ");
    }

    @Test
    void theDurationEndsAnUnthrottledRunWaitingForItsNextEventWithExitZeroAndFinished() throws Exception {
        String topic = "hostile2-duration-waiting";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.SESSION_RATE.env(), "0.001");
        env.put(ProducerConfig.DURATION.env(), "4s");

        long started = System.nanoTime();
        JarProcess producer = processes.start(topic, env);
        int exit = producer.awaitExit(Duration.ofSeconds(40));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.OK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        Matcher summary = lastSummary(producer.lines());
        assertThat(summary.group(1)).isEqualTo("finished");
        assertThat(number(summary.group(3))).as("acked").isEqualTo(number(summary.group(2)));
        assertThat(count(topic)).isEqualTo(number(summary.group(2)));
    }

    @Test
    void repeatedSigtermsWhileWaitingInRealTimeStillExitZeroWithOneSummary() throws Exception {
        String topic = "hostile2-sigterm-twice";
        Map<String, String> env = env(topic);
        env.put(ProducerConfig.SESSION_RATE.env(), "0.001");

        JarProcess producer = processes.start(topic, env);
        awaitLine(producer, "simulated time starts at", Duration.ofSeconds(60));
        Thread.sleep(2_000);
        producer.terminate();
        Thread.sleep(30);
        producer.terminate();
        producer.terminate();
        int exit = producer.awaitExit(Duration.ofSeconds(20));

        assertThat(exit).as(producer.tail(20)).isEqualTo(ProducerMain.OK);
        assertThat(producer.lines().stream().filter(line -> SUMMARY.matcher(line).find())).hasSize(1);
        Matcher summary = lastSummary(producer.lines());
        assertThat(summary.group(1)).isEqualTo("stopped");
        assertThat(number(summary.group(3))).isEqualTo(number(summary.group(2)));
        assertThat(count(topic)).isEqualTo(number(summary.group(2)));
    }

    private static void awaitAtLeast(String topic, long records, Duration timeout) throws InterruptedException {
        ProducerRuns.awaitAtLeast(kafka.bootstrapServers(), topic, records, timeout);
    }

    private static long count(String topic) {
        return ProducerRuns.count(kafka.bootstrapServers(), topic);
    }
}
