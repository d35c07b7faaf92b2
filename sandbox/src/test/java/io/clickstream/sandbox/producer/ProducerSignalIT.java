package io.clickstream.sandbox.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.ProducerConfig;
import io.clickstream.producer.ProducerMain;
import io.clickstream.sandbox.testing.JarProcesses;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The producer's JAR, running without a limit, stopped by SIGTERM. */
class ProducerSignalIT {
    private static final Pattern SUMMARY = Pattern.compile("summary: (\\w+), sent=([\\d,]+) acked=([\\d,]+) failed=([\\d,]+)");

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    final JarProcesses processes = JarProcesses.producer();

    @Test
    void sigtermFlushesEverySentEventPrintsTheSummaryAndExitsZero() throws Exception {
        sigtermEndsTheRunCleanly("sigterm", 2000);
    }

    /** Unthrottled, records are made ahead on a thread of their own: those are sent too, and counted. */
    @Test
    void sigtermDuringAnUnthrottledRunFlushesEverySentEventToo() throws Exception {
        sigtermEndsTheRunCleanly("sigterm-unthrottled", 0);
    }

    private void sigtermEndsTheRunCleanly(String topic, int rate) throws Exception {
        var producer = processes.start(topic, ProducerEnv.of(KAFKA.bootstrapServers(), topic)
                .with(ProducerConfig.RATE, rate)
                .asMap());
        TopicRecords.awaitAtLeast(KAFKA.bootstrapServers(), topic, 6_000, Duration.ofSeconds(90)); // ~3 s at 2000/s
        assertThat(producer.isAlive()).isTrue();

        producer.terminate();
        int exitCode = producer.awaitExit(Duration.ofSeconds(60));

        List<String> lines = producer.lines();
        assertThat(exitCode).isEqualTo(ProducerMain.OK);
        Matcher summary = lines.stream().map(SUMMARY::matcher).filter(Matcher::find).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no summary line"));
        assertThat(summary.group(1)).isEqualTo("stopped");
        long sent = number(summary.group(2));
        assertThat(number(summary.group(3))).as("acked").isEqualTo(sent);
        assertThat(number(summary.group(4))).as("failed").isZero();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("result: every event sent was acknowledged"));
        assertThat(TopicRecords.count(KAFKA.bootstrapServers(), topic)).as("records in the topic").isEqualTo(sent);
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
