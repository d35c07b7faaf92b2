package io.clickstream.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.ProducerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagsTest {
    private final Flags flags = new Flags("clickstream-producer", "v1", List.of("Simulates 100% of a shop."),
            ProducerConfig.SETTINGS, ProducerConfig.SWITCHES, List.of("Exit codes: ..."));
    private final StringWriter out = new StringWriter();

    private Flags.Parsed parse(String... args) {
        return flags.parse(args, new PrintWriter(out));
    }

    @Test
    void flagValuesGoUnderTheVariableNamesAndWinOverTheEnvironment() {
        var parsed = (Flags.Parsed.Values) parse("--rate", "500", "--events=1000", "--broker", "k:9093");
        assertThat(parsed.values()).isEqualTo(Map.of("PRODUCER_RATE", "500", "PRODUCER_EVENTS", "1000", "KAFKA_BROKER", "k:9093"));
        assertThat(parsed.fromFlags()).isEqualTo(Set.of("PRODUCER_RATE", "PRODUCER_EVENTS", "KAFKA_BROKER"));
        assertThat(parsed.over(Map.of("PRODUCER_RATE", "10", "KAFKA_TOPIC", "t")))
                .containsEntry("PRODUCER_RATE", "500").containsEntry("KAFKA_TOPIC", "t");
    }

    @Test
    void aSwitchAloneMeansTrue() {
        assertThat(((Flags.Parsed.Values) parse("--create-topic")).values()).containsEntry("KAFKA_CREATE_TOPIC", "true");
        assertThat(((Flags.Parsed.Values) parse("--create-topic=false")).values()).containsEntry("KAFKA_CREATE_TOPIC", "false");
    }

    @Test
    void helpListsEveryFlagWithItsVariableAndDefault() {
        assertThat(parse("--help")).isInstanceOf(Flags.Parsed.HelpShown.class);
        String help = out.toString();
        assertThat(help).contains("Simulates 100% of a shop.", "--duration=<duration>", "[env PRODUCER_RATE, default 0]",
                "Exit codes", "--help", "--version");
        ProducerConfig.SETTINGS.forEach(s -> assertThat(help).contains(s.flag(), s.env()));
    }

    @Test
    void anUnknownOptionOrAMissingValueIsInvalid() {
        assertThat(parse("--speed", "3")).isInstanceOf(Flags.Parsed.Invalid.class);
        assertThat(((Flags.Parsed.Invalid) parse("--rate")).message()).contains("--rate");
    }

    @Test
    void kafkaClientPropertiesAreRepeatableFlagsUnderTheirVariables() {
        var parsed = (Flags.Parsed.Values) parse("--kafka-client-property", "security.protocol=SASL_SSL",
                "--kafka-client-property", "sasl.mechanism=PLAIN");

        assertThat(parsed.values()).containsEntry("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_CLIENT_SASL_MECHANISM", "PLAIN");
        assertThat(parsed.fromFlags()).contains("KAFKA_CLIENT_SASL_MECHANISM");
        assertThat(parse("--kafka-client-property", "nameWithCapitals=1")).isInstanceOf(Flags.Parsed.Invalid.class);
    }
}
