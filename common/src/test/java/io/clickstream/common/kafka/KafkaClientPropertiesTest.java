package io.clickstream.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaClientPropertiesTest {
    private static final Setting BROKER = new Setting("KAFKA_BROKER", "--broker", "localhost:9092", "brokers");
    private static final Setting GROUP = new Setting("KAFKA_GROUP_ID", "--group-id", "g", "group");
    private static final List<Setting> CONSUMER_LIKE = List.of(BROKER, GROUP, KafkaClientProperties.KAFKA_CLIENT_CONFIG);
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"alice\" password=\"alice-s3cret-pw\";";

    @TempDir
    Path dir;

    private record Read(KafkaClientProperties properties, List<String> problems) {
    }

    private static Read read(Map<String, String> env, Set<String> fromFlags) {
        var reader = new ConfigReader(env, fromFlags);
        var properties = KafkaClientProperties.read(reader, CONSUMER_LIKE);
        return new Read(properties, reader.problems());
    }

    private static Read read(Map<String, String> env) {
        return read(env, Set.of());
    }

    private Path file(String text) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "KAFKA_CLIENT_SECURITY_PROTOCOL, security.protocol",
        "KAFKA_CLIENT_SASL_JAAS_CONFIG, sasl.jaas.config",
        "KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION, ssl.truststore.location",
        "KAFKA_CLIENT_SASL_CLIENT_CALLBACK_HANDLER_CLASS, sasl.client.callback.handler.class",
        "KAFKA_CLIENT_MY__PLUGIN_SOME___NAME, my-plugin.some_name",
        "KAFKA_CLIENT_A____B, a_.b",
        "kafka_client_wrong_prefix, ",
        "KAFKA_CLIENT_, ",
        "KAFKA_CLIENT__LEADING, ",
        "KAFKA_CLIENT_TRAILING_, ",
        "KAFKA_CLIENT_NOT-AN-ENV-NAME, ",
    })
    void variablesMapToPropertiesAsKafkasDockerImagesMapThem(String variable, String property) {
        assertThat(KafkaClientProperties.propertyName(variable).orElse(null)).isEqualTo(property);
    }

    @ParameterizedTest
    @CsvSource({"security.protocol", "sasl.jaas.config", "my-plugin.some_name", "a_.b", "ssl.endpoint.identification.algorithm"})
    void everyPropertyNameHasAVariableThatMapsBackToIt(String property) {
        String variable = KafkaClientProperties.variableName(property);

        assertThat(variable).startsWith("KAFKA_CLIENT_").matches("[A-Z0-9_]+");
        assertThat(KafkaClientProperties.propertyName(variable)).contains(property);
    }

    @Test
    void variablesOverrideTheFileAndBothAreReadWithoutProblems() throws IOException {
        Path file = file("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n# a comment\nclient.id = from-file \n");
        var env = new HashMap<String, String>();
        env.put("KAFKA_CLIENT_CONFIG", file.toString());
        env.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL");

        Read read = read(env);

        assertThat(read.problems()).isEmpty();
        assertThat(read.properties().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "client.id", "from-file"));
        assertThat(read.properties().describe())
                .contains("security.protocol=SASL_SSL (KAFKA_CLIENT_SECURITY_PROTOCOL)", "sasl.mechanism=SCRAM-SHA-512 (KAFKA_CLIENT_CONFIG)");
    }

    @Test
    void theFileIsReadWithJavaPropertiesEscapesAsKafkasCommandConfigIs() throws IOException {
        Path file = file("sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n"
                + "    username=\"key\" password=\"pass\\u00e9word\";\n");

        Read read = read(Map.of("KAFKA_CLIENT_CONFIG", file.toString()));

        assertThat(read.properties().asMap().get("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"key\" password=\"pass\u00e9word\";");
    }

    @Test
    void anEmptyValueIsPassedOnBecauseKafkaGivesSomeEmptyValuesAMeaning() {
        Read read = read(Map.of("KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", ""));

        assertThat(read.properties().asMap()).containsEntry("ssl.endpoint.identification.algorithm", "");
    }

    @Test
    void noVariablesAndNoFileMeanNoProperties() {
        Read read = read(Map.of("KAFKA_BROKER", "b:9092", "AWS_REGION", "eu-west-1"));

        assertThat(read.problems()).isEmpty();
        assertThat(read.properties().isEmpty()).isTrue();
        assertThat(read.properties().describe()).isEqualTo("none");
    }

    @Test
    void aPropertyANamedSettingControlsIsRefusedNamingTheVariableAndTheSetting() {
        Read read = read(Map.of("KAFKA_CLIENT_GROUP_ID", "other", "KAFKA_CLIENT_BOOTSTRAP_SERVERS", "x:1"));

        assertThat(read.problems()).containsExactlyInAnyOrder(
                "KAFKA_CLIENT_GROUP_ID: sets group.id, which KAFKA_GROUP_ID (--group-id) controls: set KAFKA_GROUP_ID instead",
                "KAFKA_CLIENT_BOOTSTRAP_SERVERS: sets bootstrap.servers, which KAFKA_BROKER (--broker) controls: set KAFKA_BROKER instead");
    }

    @Test
    void aPropertyANamedSettingOfAnotherAppControlsIsAccepted() {
        // compression.type is the producer's PRODUCER_COMPRESSION; an app without that setting passes it on
        // (the consumer's dead-letter producer takes it).
        Read read = read(Map.of("KAFKA_CLIENT_COMPRESSION_TYPE", "lz4"));

        assertThat(read.problems()).isEmpty();
        assertThat(read.properties().asMap()).containsEntry("compression.type", "lz4");
    }

    @Test
    void aPropertyTheGuaranteesDependOnIsRefusedFromAVariableAndFromTheFile() throws IOException {
        Path file = file("isolation.level=read_uncommitted\nacks=1\n");
        var env = new HashMap<String, String>();
        env.put("KAFKA_CLIENT_CONFIG", file.toString());
        env.put("KAFKA_CLIENT_ENABLE_AUTO_COMMIT", "true");

        Read read = read(env);

        assertThat(read.problems()).containsExactlyInAnyOrder(
                "KAFKA_CLIENT_ENABLE_AUTO_COMMIT: enable.auto.commit cannot be overridden: offsets are committed by the "
                        + "sink, only after the files holding the records are uploaded",
                "KAFKA_CLIENT_CONFIG=" + file + ": isolation.level cannot be overridden: the lake must never hold records "
                        + "of aborted transactions (read_committed)",
                "KAFKA_CLIENT_CONFIG=" + file + ": acks cannot be overridden: a record counts as delivered only once every "
                        + "in-sync replica has it (acks=all)");
    }

    @Test
    void aFileGivenByFlagIsNamedByTheFlagWhenMissing() {
        Read read = read(Map.of("KAFKA_CLIENT_CONFIG", dir.resolve("nope.properties").toString()), Set.of("KAFKA_CLIENT_CONFIG"));

        assertThat(read.problems()).singleElement().asString()
                .startsWith("--kafka-client-config (KAFKA_CLIENT_CONFIG)=").endsWith(": no such file");
    }

    @Test
    void aFolderIsNotAFile() {
        Read read = read(Map.of("KAFKA_CLIENT_CONFIG", dir.toString()));

        assertThat(read.problems()).containsExactly("KAFKA_CLIENT_CONFIG=" + dir + ": is not a file");
    }

    @Test
    void aVariableThatNamesNoPropertyIsOneProblem() {
        Read read = read(Map.of("KAFKA_CLIENT__SECURITY", "x"));

        assertThat(read.problems()).singleElement().asString().startsWith("KAFKA_CLIENT__SECURITY: names no Kafka client property");
    }

    @Test
    void secretsAreNeitherDescribedNorLeftInRedactedTextNorInProblems() throws IOException {
        Path file = file("ssl.truststore.password=trust-store-pw\nacks=0\n");
        var env = new HashMap<String, String>();
        env.put("KAFKA_CLIENT_CONFIG", file.toString());
        env.put("KAFKA_CLIENT_SASL_JAAS_CONFIG", JAAS);
        env.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL");

        Read read = read(env);
        String message = "Value not specified for key 'password=\"alice-s3cret-pw\"' in " + JAAS + " and trust-store-pw";

        assertThat(read.properties().describe() + read.properties() + read.problems())
                .contains("sasl.jaas.config=[hidden]", "ssl.truststore.password=[hidden]", "security.protocol=SASL_SSL")
                .doesNotContain("alice-s3cret-pw", "trust-store-pw");
        assertThat(read.properties().redact(message)).doesNotContain("alice-s3cret-pw", "trust-store-pw", "ScramLoginModule")
                .contains("[hidden]");
    }

    @Test
    void namesNoKafkaClientKnowsAreListedForAWarningButPassedOn() {
        Read read = read(Map.of("KAFKA_CLIENT_SECURTY_PROTOCOL", "SASL_SSL", "KAFKA_CLIENT_SASL_MECHANISM", "PLAIN"));

        assertThat(read.problems()).isEmpty();
        assertThat(read.properties().unknownNames()).containsExactly("securty.protocol (KAFKA_CLIENT_SECURTY_PROTOCOL)");
        assertThat(read.properties().asMap()).containsKey("securty.protocol");
    }

    @Test
    void theClientsOwnPropertiesLieUnderTheGivenOnes() {
        Read read = read(Map.of("KAFKA_CLIENT_CLIENT_ID", "mine", "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"));
        var own = new Properties();
        own.put("client.id", "clickstream-consumer-1");
        own.put("max.poll.records", "5000");

        Properties merged = read.properties().over(own);
        Map<String, Object> mergedMap = read.properties().over(Map.of("client.id", "x", "linger.ms", 20));

        assertThat(merged).containsEntry("client.id", "mine").containsEntry("max.poll.records", "5000")
                .containsEntry("security.protocol", "SSL");
        assertThat(mergedMap).containsEntry("client.id", "mine").containsEntry("linger.ms", 20);
        assertThat(own).doesNotContainKey("security.protocol");
    }

    @Test
    void aFlagsPropertyIsItsVariableAndARefusalNamesTheFlag() {
        var entry = KafkaClientProperties.fromFlag("group.id=other");
        Read read = read(Map.of(entry.getKey(), entry.getValue()), Set.of(entry.getKey()));

        assertThat(entry).isEqualTo(Map.entry("KAFKA_CLIENT_GROUP_ID", "other"));
        assertThat(read.problems()).containsExactly("--kafka-client-property group.id (KAFKA_CLIENT_GROUP_ID): sets "
                + "group.id, which KAFKA_GROUP_ID (--group-id) controls: set KAFKA_GROUP_ID instead");
        assertThat(KafkaClientProperties.fromFlag("sasl.jaas.config=a=b")).isEqualTo(Map.entry("KAFKA_CLIENT_SASL_JAAS_CONFIG", "a=b"));
    }
}
