package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.publish.ClusterAccess;
import io.clickstream.producer.publish.KafkaClients;
import io.clickstream.producer.report.ProfileTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

class ProducerMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return ProducerMain.run(args, env, new ProducerApp(), new AtomicBoolean(), new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void helpExitsZeroAndDocumentsTheEnvironmentVariables() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("Usage: clickstream-producer", "KAFKA_BROKER", "PRODUCER_RATE", "Exit codes");
    }

    @Test
    void badConfigurationExitsTwoWithOneLinePerProblemNamingFlagOrVariable() {
        assertThat(run(Map.of("PRODUCER_LATE_RATIO", "2"), "--rate", "-5")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "config error: --rate (PRODUCER_RATE)=-5: must be between 0 and 10000000",
                "config error: PRODUCER_LATE_RATIO=2: must be a fraction between 0 and 1");
    }

    @Test
    void aReportSimulatesWithoutKafkaAndPrintsEachFigureNextToItsTarget() {
        var noKafka = new ProducerApp(new KafkaClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
                throw new AssertionError("a report needs no Kafka producer");
            }

            @Override
            public ClusterAccess cluster(Map<String, Object> adminProperties) {
                throw new AssertionError("a report needs no Kafka cluster");
            }
        });
        int code = ProducerMain.run(new String[] {"--report", "50000", "--seed", "7", "--start-time", "2026-01-19T06:00:00Z",
                "--speedup", "1800", "--rate", "20000"}, Map.of(), noKafka, new AtomicBoolean(), new PrintWriter(out),
                new PrintWriter(err));

        assertThat(code).isZero();
        assertThat(out.toString()).contains("session statistics of 50,000 simulated events (seed 7, no Kafka)",
                "derived: --rate 20000 / (--speedup 1800 x", "daily curve on", "simulated time starts at 2026-01-19T06:00:00Z");
        for (ProfileTarget target : ProfileTarget.values()) {
            assertThat(out.toString()).containsPattern(Pattern.quote(target.label()) + " +[0-9.]+( s| %)? +"
                    + Pattern.quote(target.range()));
        }
        assertThat(out.toString()).contains("events per hour (event time, UTC):", "2026-01-19 06:00");
    }

    @Test
    void anUnknownOptionExitsTwo() {
        assertThat(run(Map.of(), "--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("--frobnicate").contains("--help");
    }

    @Test
    void aKafkaClientPropertyTheGuaranteesDependOnExitsTwo() {
        assertThat(run(Map.of("KAFKA_CLIENT_ENABLE_IDEMPOTENCE", "false"), "--kafka-client-property", "linger.ms=0"))
                .isEqualTo(2);
        assertThat(err.toString().lines()).containsExactlyInAnyOrder(
                "config error: KAFKA_CLIENT_ENABLE_IDEMPOTENCE: enable.idempotence cannot be overridden: a retried send "
                        + "must never write a record twice",
                "config error: --kafka-client-property linger.ms (KAFKA_CLIENT_LINGER_MS): sets linger.ms, which "
                        + "PRODUCER_LINGER_MS (--linger-ms) controls: set PRODUCER_LINGER_MS instead");
    }
}
