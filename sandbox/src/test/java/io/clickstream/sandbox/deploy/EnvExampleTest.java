package io.clickstream.sandbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.config.Setting;
import io.clickstream.common.kafka.KafkaClientProperties;
import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.producer.ProducerConfig;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** .env.example is the configuration of the compose stack: every setting of both apps, and valid. */
class EnvExampleTest {
    /** Not an app setting: compose reads it (from .env) to pick the containers' env file. */
    static final String ENV_FILE_SWITCH = "CLICKSTREAM_ENV_FILE";

    /**
     * Settings without a default that the stack runs well without: each is a documented choice, so a
     * new setting without a default fails here until someone decides whether compose must set it.
     */
    private static final Set<String> OPTIONAL_WITHOUT_DEFAULT = Set.of(
            "DECODE_THREADS",       // the number of CPUs the container sees
            "S3_PATH_STYLE",        // follows AWS_ENDPOINT_URL
            "SPOOL_DIR",            // the container's temp folder
            "EXIT_WHEN_IDLE",       // the compose consumer runs until stopped
            "FINALIZE_HOURS",       // a one-off command, not the service
            "PRODUCER_DURATION",    // ... and so does the producer
            "PRODUCER_SEED",        // random, logged
            "PRODUCER_START_TIME",  // wall clock
            "KAFKA_CLIENT_CONFIG",  // no client properties: compose's broker is plaintext
            "AWS_REGION",           // AWS_DEFAULT_REGION is set
            "AWS_SESSION_TOKEN",    // LocalStack's keys are not temporary
            "AWS_ASSUME_ROLE_ARN", "AWS_ASSUME_ROLE_EXTERNAL_ID", "AWS_ASSUME_ROLE_SESSION_NAME", // no role to assume
            "S3_SSE", "S3_SSE_KMS_KEY_ID", "S3_STORAGE_CLASS", "S3_OBJECT_TAGS", "S3_ACL"); // the bucket's defaults

    private static final EnvFile ENV = RepoFiles.envExample();

    private static Map<String, Setting> settings() {
        Map<String, Setting> byName = new LinkedHashMap<>();
        Stream.concat(ConsumerConfig.SETTINGS.stream(), ProducerConfig.SETTINGS.stream())
                .forEach(s -> byName.putIfAbsent(s.env(), s));
        return byName;
    }

    @Test
    void namesEverySettingOfBothApps() {
        assertThat(ENV.names()).containsAll(settings().keySet());
    }

    @Test
    void namesNothingButSettingsTheEnvFileSwitchAndKafkaClientProperties() {
        Set<String> known = new HashSet<>(settings().keySet());
        known.add(ENV_FILE_SWITCH);
        // KAFKA_CLIENT_<NAME> is a family: each name must be one that maps to a client property.
        ENV.names().stream().filter(n -> KafkaClientProperties.propertyName(n).isPresent()).forEach(known::add);
        assertThat(known).as("variables no app reads (a typo?)").containsAll(ENV.names());
        assertThat(ENV.repeated()).as("names given twice").isEmpty();
    }

    @Test
    void commentedOutSettingsShowTheirDefault() {
        Map<String, Setting> settings = settings();
        ENV.commented().forEach((name, value) -> {
            Setting setting = settings.get(name);
            if (setting != null && setting.defaultValue() != null) {
                assertThat(value).as("# %s= shows the default", name).isEqualTo(setting.defaultValue());
            }
        });
    }

    @Test
    void everySettingWithoutADefaultIsSetOrADocumentedChoice() {
        settings().values().stream().filter(s -> s.defaultValue() == null).forEach(s ->
                assertThat(ENV.values().containsKey(s.env()) || OPTIONAL_WITHOUT_DEFAULT.contains(s.env()))
                        .as("%s has no default: set it in .env.example or list it as optional here", s.env()).isTrue());
    }

    @Test
    void pointsTheAppsAtTheComposeNetwork() {
        assertThat(ENV.values())
                .containsEntry("KAFKA_BROKER", "kafka:9092")
                .containsEntry("AWS_ENDPOINT_URL", "http://localstack:4566")
                .containsEntry("AWS_ACCESS_KEY_ID", "test")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "test")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsEntry("S3_BUCKET", "clickstream-bucket");
    }

    @Test
    void theKafkaClientExamplesAreValidForBothApps() {
        Map<String, String> withExamples = new java.util.HashMap<>(ENV.values());
        ENV.commented().forEach((name, value) -> {
            if (name.startsWith(KafkaClientProperties.PREFIX) && !name.equals("KAFKA_CLIENT_CONFIG")) {
                withExamples.put(name, value);
            }
        });

        assertThat(ConsumerConfig.from(withExamples, Set.of()).kafkaClient().asMap())
                .containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config");
        assertThat(ProducerConfig.from(withExamples, Set.of()).kafkaClient().unknownNames()).isEmpty();
    }

    @Test
    void isAValidConsumerConfiguration() {
        ConsumerConfig config = ConsumerConfig.from(ENV.values(), Set.of());

        assertThat(config.kafkaBroker()).isEqualTo("kafka:9092");
        assertThat(config.endpoint()).isEqualTo(URI.create("http://localstack:4566"));
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.deadLetterEnabled()).isTrue();
        assertThat(config.metricsPort()).as("the image's HEALTHCHECK asks /health on it").isPositive();
        assertThat(config.exitWhenIdle()).as("a service runs until stopped").isNull();
    }

    @Test
    void isAValidProducerConfiguration() {
        ProducerConfig config = ProducerConfig.from(ENV.values(), Set.of());

        assertThat(config.brokers()).isEqualTo("kafka:9092");
        assertThat(config.topic()).isEqualTo(ConsumerConfig.from(ENV.values(), Set.of()).topic());
        assertThat(config.events()).as("a service runs until stopped").isZero();
        assertThat(config.rate()).as("a bounded rate: unlimited would fill a laptop's disk").isPositive();
    }

    /** docker-compose 1.29 keeps quotes and trailing comments in an env_file value; v2 strips them. */
    @Test
    void valuesReadTheSameInBothComposeVersions() {
        ENV.values().forEach((name, value) ->
                assertThat(value).as(name).doesNotContain("\"", "'", " #").isEqualTo(value.strip()));
        List<String> lines = RepoFiles.read(".env.example").lines().toList();
        assertThat(lines).as("lines that are neither NAME=value, a comment, nor empty")
                .allMatch(l -> l.isEmpty() || l.startsWith("#") || l.matches("[A-Za-z_][A-Za-z0-9_]*=.*"));
    }
}
