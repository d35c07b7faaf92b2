package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.publish.ClusterAccess;
import io.clickstream.producer.publish.KafkaClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile values of single settings, through {@link ProducerMain#run} as the jar runs it: each one is refused with
 * exit code 2 and exactly one line naming the variable (or the flag), never a stack trace, never Kafka touched.
 */
class ProducerConfigHostileTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static final KafkaClients NO_KAFKA = new KafkaClients() {
        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
            throw new AssertionError("a bad configuration must not reach Kafka");
        }

        @Override
        public ClusterAccess cluster(Map<String, Object> adminProperties) {
            throw new AssertionError("a bad configuration must not reach Kafka");
        }
    };

    private int run(Map<String, String> env, String... args) {
        return ProducerMain.run(args, env, new ProducerApp(NO_KAFKA), new AtomicBoolean(), new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    @ParameterizedTest(name = "{0}=''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "PRODUCER_EVENTS|-1",
        "PRODUCER_EVENTS|9223372036854775808",
        "PRODUCER_EVENTS|1e6",
        "PRODUCER_EVENTS|\" \t \"",
        "PRODUCER_RATE|NaN",
        "PRODUCER_RATE|Infinity",
        "PRODUCER_RATE|1e400",
        "PRODUCER_RATE|10000001",
        "PRODUCER_RATE|fast",
        "PRODUCER_SEED|9223372036854775808",
        "PRODUCER_SEED|-9223372036854775809",
        "PRODUCER_DURATION|-5m",
        "PRODUCER_DURATION|PT-1S",
        "PRODUCER_DURATION|10 parsecs",
        "PRODUCER_DURATION|P999999999999999999D",
        "PRODUCER_DURATION|PT99999999999999999999H",
        "PRODUCER_DURATION|3651d",
        "PRODUCER_DELIVERY_TIMEOUT|4s",
        "PRODUCER_DELIVERY_TIMEOUT|25h",
        "PRODUCER_STARTUP_TIMEOUT|0s",
        "PRODUCER_STARTUP_TIMEOUT|999999999999d",
        "PRODUCER_PROGRESS_INTERVAL|0s",
        "PRODUCER_LINGER_MS|1s",
        "PRODUCER_LINGER_MS|-1",
        "PRODUCER_LINGER_MS|60001",
        "PRODUCER_BATCH_SIZE|1GB",
        "PRODUCER_BATCH_SIZE|1023",
        "PRODUCER_BATCH_SIZE|5 parsecs",
        "PRODUCER_BATCH_SIZE|9999999999999999999",
        "PRODUCER_BATCH_SIZE|-128KB",
        "PRODUCER_COMPRESSION|brotli",
        "PRODUCER_START_TIME|2026-01-19T00:00:00",
        "PRODUCER_START_TIME|1999-12-31T23:59:59Z",
        "PRODUCER_START_TIME|+1000000000-12-31T23:59:59Z",
        "PRODUCER_START_TIME|\u0662\u0660\u0662\u0666-01-19T00:00:00Z",
        "PRODUCER_SPEEDUP|0",
        "PRODUCER_SPEEDUP|-1",
        "PRODUCER_SESSION_RATE|0",
        "PRODUCER_SESSION_TIMEOUT|0s",
        "PRODUCER_THINK_TIME|99ms",
        "PRODUCER_INVALID_RATIO|1.0000001",
        "PRODUCER_DUPLICATE_RATIO|-0.1",
        "PRODUCER_USERS|0",
        "PRODUCER_USERS|2147483648",
        "PRODUCER_PRODUCTS|10000001",
        "PRODUCER_ZIPF_EXPONENT|-1",
        "PRODUCER_REPORT|-1",
        "KAFKA_TOPIC|caf\u00e9",
        "KAFKA_TOPIC|..",
        "KAFKA_TOPIC|a/b",
        "KAFKA_BROKER|localhost",
        "KAFKA_BROKER|localhost:0",
        "KAFKA_BROKER|localhost:65536",
        "KAFKA_BROKER|localhost:9092,",
        "KAFKA_BROKER|,",
        "KAFKA_BROKER|localhost:99999999999",
        "KAFKA_CREATE_TOPIC|maybe",
        "KAFKA_PARTITIONS|0",
        "KAFKA_PARTITIONS|100001",
        "KAFKA_REPLICATION_FACTOR|32768",
        "PRODUCER_DIURNAL|sometimes",
    })
    void aHostileValueIsOneLineNamingTheVariableAndExitCodeTwo(String variable, String value) {
        int code = run(Map.of(variable, value));

        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ProducerMain.BAD_CONFIG);
        assertThat(err.toString().lines().toList()).as("stderr").hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("config error: " + variable));
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--events|-1",
        "--rate|NaN",
        "--duration|-1s",
        "--batch-size|1GB",
        "--seed|9223372036854775808",
        "--create-topic|perhaps",
    })
    void aHostileFlagValueIsOneLineNamingTheFlagAndExitCodeTwo(String flag, String value) {
        int code = run(Map.of(), flag, value);

        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ProducerMain.BAD_CONFIG);
        assertThat(err.toString().lines().toList()).as("stderr").hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("config error: " + flag + " ("));
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--events",
        "--rate",
        "--broker",
    })
    void aFlagWithoutItsValueExitsTwoNamingTheFlag(String flag) {
        int code = run(Map.of(), flag);

        assertThat(code).isEqualTo(ProducerMain.BAD_CONFIG);
        assertThat(err.toString()).contains(flag).contains("--help").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--events=",
        "--topic=",
        "--rate=",
    })
    void anEmptyFlagValueIsRefusedNotTakenAsTheDefault(String arg) {
        int code = run(Map.of(), arg);

        assertThat(code).isEqualTo(ProducerMain.BAD_CONFIG);
        assertThat(err.toString().lines().toList()).hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("config error: " + arg.substring(0, arg.length() - 1)));
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"-9223372036854775808", "9223372036854775807", "0", "-1"})
    void extremeSeedsSimulateAndAreEchoedExactly(String seed) {
        int code = run(Map.of("PRODUCER_SEED", seed), "--report", "2000");

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("(seed " + seed + ", no Kafka)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "PRODUCER_EVENTS|\" 25 \"",
        "PRODUCER_EVENTS|1_000",
        "PRODUCER_DURATION|\" 10s \"",
        "PRODUCER_BATCH_SIZE|\" 5 MB \"",
        "PRODUCER_BATCH_SIZE|64MB",
        "PRODUCER_DELIVERY_TIMEOUT|PT1M",
        "PRODUCER_COMPRESSION|LZ4",
    })
    void valuesWithWhitespaceUnitsOrUnderscoresAreRead(String variable, String value) {
        int code = run(Map.of(variable, value), "--report", "10");

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(err.toString()).isEmpty();
    }
}
