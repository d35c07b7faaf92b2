package io.clickstream.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.cli.SettingsCommandLine.Parsed;
import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.clickstream.common.kafka.KafkaClientProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsCommandLineTest {
    private static final Setting TOPIC = new Setting("KAFKA_TOPIC", "--topic", "clickstream", "Topic to read");
    private static final Setting RECORDS = new Setting("BATCH_MAX_RECORDS", "--batch-max-records", "10000", "Rows per file");
    private static final List<Setting> SETTINGS = List.of(TOPIC, RECORDS);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Parsed parse(Map<String, String> env, String... args) {
        return SettingsCommandLine.parse("consumer", "Reads clicks.", "1.0", SETTINGS, env, args,
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void putsAFlagsValueOverTheEnvironmentAndRemembersItCameFromAFlag() {
        Parsed parsed = parse(Map.of("KAFKA_TOPIC", "from-env", "BATCH_MAX_RECORDS", "5", "HOME", "/root"),
                "--topic", "from-flag");

        assertThat(parsed).isEqualTo(new Parsed.Run(
                Map.of("KAFKA_TOPIC", "from-flag", "BATCH_MAX_RECORDS", "5", "HOME", "/root"),
                java.util.Set.of("KAFKA_TOPIC")));
    }

    @Test
    void letsAProblemWithAFlagValueNameTheFlagAndTheVariable() {
        var run = (Parsed.Run) parse(Map.of(), "--batch-max-records=0");
        var reader = new ConfigReader(run.values(), run.fromFlags());

        reader.integer(RECORDS, 1, 100);

        assertThat(reader.problems()).containsExactly("--batch-max-records (BATCH_MAX_RECORDS)=0: must be between 1 and 100");
    }

    @Test
    void printsHelpNamingEachVariableAndDefaultThenExitsWithZero() {
        assertThat(parse(Map.of(), "--help")).isEqualTo(new Parsed.Exit(0));
        assertThat(out.toString()).contains("--topic", "KAFKA_TOPIC", "Topic to read (default: clickstream)",
                "--batch-max-records", "BATCH_MAX_RECORDS");
    }

    @Test
    void exitsWithTwoOnAnUnknownOptionSayingWhy() {
        assertThat(parse(Map.of(), "--no-such-flag")).isEqualTo(new Parsed.Exit(2));
        assertThat(err.toString()).startsWith("consumer: ").contains("--no-such-flag", "--help");
    }

    @Test
    void exitsWithTwoWhenAFlagLacksItsValue() {
        assertThat(parse(Map.of(), "--topic")).isEqualTo(new Parsed.Exit(2));
    }

    @Test
    void anAppTakingKafkaClientPropertiesTakesThemAsRepeatableFlagsOverTheirVariables() {
        var settings = List.of(TOPIC, KafkaClientProperties.KAFKA_CLIENT_CONFIG);
        var run = (Parsed.Run) SettingsCommandLine.parse("consumer", "Reads clicks.", "1.0", settings,
                Map.of("KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"), new String[] {"--kafka-client-property",
                    "security.protocol=SASL_SSL", "--kafka-client-property=sasl.jaas.config=x required a=\"b\";"},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(run.values()).containsEntry("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_CLIENT_SASL_JAAS_CONFIG", "x required a=\"b\";");
        assertThat(run.fromFlags()).contains("KAFKA_CLIENT_SECURITY_PROTOCOL", "KAFKA_CLIENT_SASL_JAAS_CONFIG");
    }

    @Test
    void aKafkaClientPropertyFlagWithoutAValueIsAUsageErrorWithExitTwo() {
        var settings = List.of(TOPIC, KafkaClientProperties.KAFKA_CLIENT_CONFIG);
        var parsed = SettingsCommandLine.parse("consumer", "Reads clicks.", "1.0", settings, Map.of(),
                new String[] {"--kafka-client-property", "security.protocol"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(parsed).isEqualTo(new Parsed.Exit(2));
        assertThat(err.toString()).contains("--kafka-client-property expects NAME=VALUE");
    }

    @Test
    void anAppWithoutKafkaClientPropertiesHasNoSuchFlag() {
        assertThat(parse(Map.of(), "--kafka-client-property", "a=b")).isEqualTo(new Parsed.Exit(2));
    }
}
