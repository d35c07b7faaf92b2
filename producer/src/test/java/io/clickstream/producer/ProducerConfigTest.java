package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.common.config.ConfigException;
import io.clickstream.common.config.Setting;
import io.clickstream.producer.sim.FunnelSettings;
import io.clickstream.producer.sim.VisitSettings;
import io.clickstream.producer.traffic.Imperfections;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProducerConfigTest {

    private static List<String> problems(Map<String, String> values, Set<String> fromFlags) {
        return catchThrowableOfType(ConfigException.class, () -> ProducerConfig.from(values, fromFlags)).problems();
    }

    @Test
    void defaultsNeedNoEnvironment() {
        ProducerConfig config = ProducerConfig.defaults();
        assertThat(config.brokers()).isEqualTo("localhost:9092");
        assertThat(config.topic()).isEqualTo("clickstream");
        assertThat(config.events()).isZero();
        assertThat(config.duration()).isZero();
        assertThat(config.rate()).isZero();
        assertThat(config.imperfections()).isEqualTo(Imperfections.NONE);
        assertThat(config.compression()).isEqualTo(ProducerConfig.Compression.ZSTD);
        assertThat(config.lingerMs()).isEqualTo(20);
        assertThat(config.batchSize()).isEqualTo(131_072);
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.startTime()).isNull();
        assertThat(config.speedup()).isEqualTo(1.0);
        assertThat(config.createTopic()).isFalse();
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.replicationFactor()).isEqualTo((short) 1);
        assertThat(config.progressInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.simulation().funnel()).isEqualTo(FunnelSettings.DEFAULTS);
        assertThat(config.simulation().visits()).isEqualTo(VisitSettings.DEFAULTS);
        assertThat(config.sessionRateDerived()).isTrue();
        assertThat(config.simulation().diurnal()).as("on the wall clock").isFalse();
        assertThat(config.report()).isZero();
    }

    @Test
    void theDailyCurveIsOnByDefaultInBackfillsAndCanBeSwitchedEitherWay() {
        assertThat(ProducerConfig.from(Map.of("PRODUCER_START_TIME", "2026-01-19T00:00:00Z"), Set.of())
                .simulation().diurnal()).isTrue();
        assertThat(ProducerConfig.from(Map.of("PRODUCER_START_TIME", "2026-01-19T00:00:00Z", "PRODUCER_DIURNAL", "off"),
                Set.of()).simulation().diurnal()).isFalse();
        assertThat(ProducerConfig.from(Map.of("PRODUCER_DIURNAL", "true"), Set.of()).simulation().diurnal()).isTrue();
        assertThat(problems(Map.of("PRODUCER_DIURNAL", "sometimes"), Set.of()))
                .containsExactly("PRODUCER_DIURNAL=sometimes: must be auto, true or false");
    }

    @Test
    void aSessionRateIsDerivedUnlessANumberIsGiven() {
        assertThat(ProducerConfig.from(Map.of("PRODUCER_SESSION_RATE", "Derived"), Set.of()).sessionRateDerived()).isTrue();
        ProducerConfig given = ProducerConfig.from(Map.of("PRODUCER_SESSION_RATE", "2.5"), Set.of());
        assertThat(given.sessionRateDerived()).isFalse();
        assertThat(given.simulation().sessionsPerSecond()).isEqualTo(2.5);
        assertThat(problems(Map.of("PRODUCER_SESSION_RATE", "lots"), Set.of()))
                .containsExactly("PRODUCER_SESSION_RATE=lots: is not a number; expected derived or 0.001..1000000");
        assertThat(problems(Map.of("PRODUCER_SESSION_RATE", "0"), Set.of()))
                .containsExactly("PRODUCER_SESSION_RATE=0: must be derived or between 0.001 and 1000000");
    }

    @Test
    void readsEveryValueFromItsVariable() {
        var env = new HashMap<String, String>();
        env.put("KAFKA_BROKER", "kafka-1:9092,kafka-2:19092");
        env.put("KAFKA_TOPIC", "events.v1");
        env.put("PRODUCER_EVENTS", "1_000_000");
        env.put("PRODUCER_DURATION", "10m");
        env.put("PRODUCER_RATE", "2500.5");
        env.put("PRODUCER_SEED", "-42");
        env.put("PRODUCER_USERS", "500");
        env.put("PRODUCER_PRODUCTS", "20000");
        env.put("PRODUCER_ZIPF_EXPONENT", "0.9");
        env.put("PRODUCER_SESSION_RATE", "3");
        env.put("PRODUCER_SESSION_TIMEOUT", "15m");
        env.put("PRODUCER_THINK_TIME", "20s");
        env.put("PRODUCER_BOUNCE_PROBABILITY", "0.5");
        env.put("PRODUCER_EXIT_PROBABILITY", "0.2");
        env.put("PRODUCER_RETURNING_SHARE", "0.25");
        env.put("PRODUCER_DIURNAL", "false");
        env.put("PRODUCER_VIEW_TO_CART", "0.2");
        env.put("PRODUCER_CART_TO_PURCHASE", "0.4");
        env.put("PRODUCER_CHECKOUT_TO_PURCHASE", "0.8");
        env.put("PRODUCER_INVALID_RATIO", "0.01");
        env.put("PRODUCER_LATE_RATIO", "0.02");
        env.put("PRODUCER_OUT_OF_ORDER_RATIO", "0.03");
        env.put("PRODUCER_DUPLICATE_RATIO", "0.04");
        env.put("PRODUCER_COMPRESSION", "LZ4");
        env.put("PRODUCER_LINGER_MS", "50");
        env.put("PRODUCER_BATCH_SIZE", "256KB");
        env.put("PRODUCER_DELIVERY_TIMEOUT", "5m");
        env.put("PRODUCER_STARTUP_TIMEOUT", "2m");
        env.put("PRODUCER_START_TIME", "2026-01-19T01:00:00+01:00");
        env.put("PRODUCER_SPEEDUP", "60");
        env.put("PRODUCER_PROGRESS_INTERVAL", "30s");
        env.put("KAFKA_CREATE_TOPIC", "true");
        env.put("KAFKA_PARTITIONS", "12");
        env.put("KAFKA_REPLICATION_FACTOR", "3");
        env.put("KAFKA_CLIENT_CONFIG", writeClientConfig("security.protocol=SSL\n"));
        env.put("PRODUCER_REPORT", "50000");
        assertThat(env.keySet()).as("the test covers every setting")
                .containsExactlyInAnyOrderElementsOf(ProducerConfig.SETTINGS.stream().map(Setting::env).toList());

        ProducerConfig config = ProducerConfig.from(env, Set.of());
        assertThat(config.brokers()).isEqualTo("kafka-1:9092,kafka-2:19092");
        assertThat(config.topic()).isEqualTo("events.v1");
        assertThat(config.events()).isEqualTo(1_000_000);
        assertThat(config.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.rate()).isEqualTo(2500.5);
        assertThat(config.seed()).isEqualTo(-42);
        assertThat(config.simulation().users()).isEqualTo(500);
        assertThat(config.simulation().products()).isEqualTo(20_000);
        assertThat(config.simulation().zipfExponent()).isEqualTo(0.9);
        assertThat(config.simulation().sessionsPerSecond()).isEqualTo(3);
        assertThat(config.sessionRateDerived()).isFalse();
        assertThat(config.simulation().sessionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.simulation().visits()).isEqualTo(new VisitSettings(0.5, 0.2, Duration.ofSeconds(20), 0.25));
        assertThat(config.simulation().diurnal()).isFalse();
        assertThat(config.simulation().funnel()).isEqualTo(new FunnelSettings(0.2, 0.4, 0.8));
        assertThat(config.imperfections()).isEqualTo(new Imperfections(0.01, 0.02, 0.03, 0.04));
        assertThat(config.compression()).isEqualTo(ProducerConfig.Compression.LZ4);
        assertThat(config.lingerMs()).isEqualTo(50);
        assertThat(config.batchSize()).isEqualTo(262_144);
        assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.startTime()).isEqualTo(Instant.parse("2026-01-19T00:00:00Z"));
        assertThat(config.speedup()).isEqualTo(60);
        assertThat(config.progressInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.createTopic()).isTrue();
        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.replicationFactor()).isEqualTo((short) 3);
        assertThat(config.kafkaClient().asMap()).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThat(config.report()).isEqualTo(50_000);
    }

    private static String writeClientConfig(String text) {
        try {
            var file = java.nio.file.Files.createTempFile("client", ".properties");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, text).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reportsEveryBadValueAtOnceNamingTheVariableOrTheFlag() {
        var env = Map.of(
                "KAFKA_BROKER", "localhost",
                "PRODUCER_RATE", "fast",
                "PRODUCER_INVALID_RATIO", "1.5",
                "PRODUCER_DURATION", "ten minutes",
                "PRODUCER_START_TIME", "yesterday",
                "PRODUCER_COMPRESSION", "brotli",
                "KAFKA_CREATE_TOPIC", "maybe");
        assertThat(problems(env, Set.of("PRODUCER_RATE"))).containsExactly(
                "KAFKA_BROKER=localhost: expected host:port[,host:port...], e.g. localhost:9092",
                "PRODUCER_DURATION=ten minutes: is not a duration; use e.g. 500ms, 30s, 5m, 1h or PT30S",
                "--rate (PRODUCER_RATE)=fast: is not a number; expected 0..10000000",
                "PRODUCER_INVALID_RATIO=1.5: must be a fraction between 0 and 1",
                "PRODUCER_COMPRESSION=brotli: must be one of zstd, none, gzip, snappy, lz4",
                "PRODUCER_START_TIME=yesterday: is not an ISO-8601 time with offset, e.g. 2026-01-19T00:00:00Z",
                "KAFKA_CREATE_TOPIC=maybe: must be true or false");
    }

    @Test
    void checksRulesBetweenSettings() {
        var env = Map.of(
                "PRODUCER_CART_TO_PURCHASE", "0.9",
                "PRODUCER_CHECKOUT_TO_PURCHASE", "0.5",
                "PRODUCER_INVALID_RATIO", "0.5",
                "PRODUCER_LATE_RATIO", "0.5",
                "PRODUCER_OUT_OF_ORDER_RATIO", "0.1",
                "PRODUCER_LINGER_MS", "10000",
                "PRODUCER_DELIVERY_TIMEOUT", "10s",
                "PRODUCER_VIEW_TO_CART", "0.6",
                "PRODUCER_BOUNCE_PROBABILITY", "0.5");
        assertThat(problems(env, Set.of())).containsExactly(
                "PRODUCER_CART_TO_PURCHASE=0.9: cannot exceed PRODUCER_CHECKOUT_TO_PURCHASE=0.5: every purchase passes checkout",
                "PRODUCER_BOUNCE_PROBABILITY=0.5: plus PRODUCER_VIEW_TO_CART=0.6 must be at most 1 (a product page offers "
                        + "add_to_cart at that rate first)",
                "PRODUCER_INVALID_RATIO=0.5: plus PRODUCER_LATE_RATIO and PRODUCER_OUT_OF_ORDER_RATIO must be at most 1 "
                        + "(they are shares of the same records)",
                "PRODUCER_DELIVERY_TIMEOUT=10s: must be at least PRODUCER_LINGER_MS + 1s (Kafka needs time for one "
                        + "request after the linger)");
    }

    @Test
    void aZeroDurationMeansNoLimitAndAMissingSeedIsRandom() {
        ProducerConfig config = ProducerConfig.from(Map.of("PRODUCER_DURATION", "0"), Set.of());
        assertThat(config.duration()).isZero();
        assertThat(ProducerConfig.defaults().seed()).isNotEqualTo(ProducerConfig.defaults().seed());
    }

    @Test
    void rejectsAnInvalidTopicNameAndAStartTimeTheConsumerWouldReject() {
        assertThat(problems(Map.of("KAFKA_TOPIC", "click stream", "PRODUCER_START_TIME", "1999-12-31T23:00:00Z"), Set.of()))
                .containsExactly(
                        "KAFKA_TOPIC=click stream: is not a valid topic name (letters, digits, '.', '_', '-'; at most 249)",
                        "PRODUCER_START_TIME=1999-12-31T23:00:00Z: must be between 2000-01-01T00:00:00Z and "
                                + "2100-01-01T00:00:00Z (the consumer rejects event times outside that range)");
    }

    /** No producer setting gives its empty value a meaning: an empty value is a forgotten one. */
    @Test
    void anEmptyValueOfAnySettingIsOneProblemNamingItsVariableNotTheDefault() {
        for (Setting setting : ProducerConfig.SETTINGS) {
            for (String empty : List.of("", " ")) {
                assertThat(problems(Map.of(setting.env(), empty), Set.of())).as("%s='%s'", setting.env(), empty)
                        .singleElement().asString().startsWith(setting.env() + ": is set but empty");
            }
        }
    }

    @Test
    void settingsListsEverySettingConstantOnceWithUniqueNamesAndFlags() throws IllegalAccessException {
        var constants = new ArrayList<Setting>();
        for (Field field : ProducerConfig.class.getDeclaredFields()) {
            if (field.getType() == Setting.class && Modifier.isStatic(field.getModifiers())) {
                constants.add((Setting) field.get(null));
            }
        }
        assertThat(ProducerConfig.SETTINGS).containsExactlyInAnyOrderElementsOf(constants);
        assertThat(ProducerConfig.SETTINGS.stream().map(Setting::env)).doesNotHaveDuplicates();
        assertThat(ProducerConfig.SETTINGS.stream().map(Setting::flag)).doesNotHaveDuplicates();
        assertThat(ProducerConfig.SETTINGS.stream().map(Setting::env))
                .allSatisfy(env -> assertThat(env).matches("(KAFKA|PRODUCER)_[A-Z_]+"));
        assertThat(ProducerConfig.SETTINGS).contains(ProducerConfig.KAFKA_CLIENT_CONFIG);
        assertThat(Arrays.asList("KAFKA_BROKER", "KAFKA_TOPIC", "PRODUCER_EVENTS", "PRODUCER_DURATION", "PRODUCER_RATE",
                "PRODUCER_SEED", "PRODUCER_USERS", "PRODUCER_INVALID_RATIO", "PRODUCER_LATE_RATIO",
                "PRODUCER_OUT_OF_ORDER_RATIO", "PRODUCER_DUPLICATE_RATIO", "PRODUCER_COMPRESSION", "PRODUCER_LINGER_MS",
                "PRODUCER_BATCH_SIZE", "PRODUCER_STARTUP_TIMEOUT", "PRODUCER_START_TIME", "PRODUCER_SPEEDUP",
                "KAFKA_CREATE_TOPIC", "KAFKA_PARTITIONS", "KAFKA_REPLICATION_FACTOR"))
                .as("the names users' scripts depend on")
                .isSubsetOf(ProducerConfig.SETTINGS.stream().map(Setting::env).toList());
    }

    @Test
    void kafkaClientPropertiesThatTheProducersSettingsControlAreRefusedNamingBoth() {
        assertThat(problems(Map.of("KAFKA_CLIENT_LINGER_MS", "5", "KAFKA_CLIENT_COMPRESSION_TYPE", "lz4",
                "KAFKA_CLIENT_ACKS", "1"), Set.of())).containsExactlyInAnyOrder(
                "KAFKA_CLIENT_LINGER_MS: sets linger.ms, which PRODUCER_LINGER_MS (--linger-ms) controls: set PRODUCER_LINGER_MS instead",
                "KAFKA_CLIENT_COMPRESSION_TYPE: sets compression.type, which PRODUCER_COMPRESSION (--compression) controls: "
                        + "set PRODUCER_COMPRESSION instead",
                "KAFKA_CLIENT_ACKS: acks cannot be overridden: a record counts as delivered only once every in-sync replica "
                        + "has it (acks=all)");
    }

    @Test
    void kafkaClientPropertiesAreReadAndTheirSecretsNeverShown() {
        var config = ProducerConfig.from(Map.of("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_CLIENT_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"k\" password=\"p4ssw0rd-x\";"), Set.of());

        assertThat(config.kafkaClient().asMap()).containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config");
        assertThat(config.kafkaClient().describe()).doesNotContain("p4ssw0rd-x");
        assertThat(config.toString()).doesNotContain("p4ssw0rd-x");
    }
}
