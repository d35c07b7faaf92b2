package io.clickstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigReaderTest {
    private static final Setting RECORDS = new Setting("BATCH_MAX_RECORDS", "--batch-max-records", "10000", "Rows per file");
    private static final Setting PORT = new Setting("METRICS_PORT", "--metrics-port", null, "Metrics port");
    private static final Setting AGE = new Setting("BATCH_MAX_AGE", "--batch-max-age", "5m", "Oldest row in a file");
    private static final Setting SIZE = new Setting("BATCH_MAX_BYTES", "--batch-max-bytes", "64MB", "File size cap");
    private static final Setting LATE = new Setting("LATE_FRACTION", "--late-fraction", "0.05", "Share of late events");
    private static final Setting TIME = new Setting("PARTITION_TIME", "--partition-time", "ingestion", "Hour folders from");
    private static final Setting TOPIC = new Setting("KAFKA_TOPIC", "--topic", null, "Topic to read");
    private static final Setting DLQ = new Setting("DLQ_TOPIC", "--dlq-topic", "clickstream-dlq", "Dead letters; empty = off");
    private static final Setting SECRET = new Setting("AWS_SECRET_ACCESS_KEY", "--aws-secret-access-key", null, "S3 secret");

    enum PartitionTime { INGESTION, EVENT, EVENT_TIME }

    private static ConfigReader env(String... pairs) {
        var values = new HashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return ConfigReader.ofEnvironment(values);
    }

    // --- integers ---

    @Test
    void readsAnIntegerWithinItsRange() {
        ConfigReader reader = env("BATCH_MAX_RECORDS", "500");

        assertThat(reader.integer(RECORDS, 1, 1_000_000)).isEqualTo(500);
        assertThat(reader.problems()).isEmpty();
    }

    @Test
    void knowsWhichSettingsHaveAProblemByTheSettingNotByTheTextOfAnother() {
        ConfigReader reader = env("BATCH_MAX_RECORDS", "lots", "KAFKA_TOPIC", "BATCH_MAX_BYTES");
        reader.integer(RECORDS, 1, 1_000_000);
        reader.problem(TOPIC, "BATCH_MAX_BYTES", "is not a good topic");

        assertThat(reader.hasProblem(RECORDS)).isTrue();
        assertThat(reader.hasProblem(TOPIC)).isTrue();
        assertThat(reader.hasProblem(SIZE)).as("named only inside another setting's value").isFalse();
    }

    @Test
    void acceptsUnderscoresAndSurroundingSpaceInAnInteger() {
        assertThat(env("BATCH_MAX_RECORDS", " 100_000 ").integer(RECORDS, 1, 1_000_000)).isEqualTo(100_000);
    }

    @Test
    void usesTheDefaultWhenTheVariableIsUnset() {
        ConfigReader reader = env();

        assertThat(reader.integer(RECORDS, 1, 1_000_000)).isEqualTo(10_000);
        assertThat(reader.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "  \n"})
    void anEmptyValueIsAProblemNamingTheVariableNotTheDefault(String value) {
        ConfigReader reader = env("BATCH_MAX_RECORDS", value);

        reader.integer(RECORDS, 1, 1_000_000);

        assertThat(reader.problems()).containsExactly(
                "BATCH_MAX_RECORDS: is set but empty; give it a value, or unset it for the default (10000)");
    }

    @Test
    void anEmptyValueWithoutADefaultIsOneProblemEvenWhenRequired() {
        ConfigReader reader = env("KAFKA_TOPIC", "");

        assertThat(reader.required(TOPIC)).isNull();
        assertThat(reader.string(TOPIC)).isNull();

        assertThat(reader.problems()).containsExactly("KAFKA_TOPIC: is set but empty; give it a value or unset it");
    }

    @Test
    void anEmptyValueReadTwiceIsStillOneProblem() {
        ConfigReader reader = env("BATCH_MAX_AGE", "");

        reader.raw(AGE);
        reader.duration(AGE, Duration.ZERO, Duration.ofHours(1));

        assertThat(reader.problems()).hasSize(1);
    }

    @Test
    void anEmptyFlagValueNamesTheFlag() {
        var reader = new ConfigReader(Map.of("KAFKA_TOPIC", ""), Set.of("KAFKA_TOPIC"));

        reader.string(TOPIC);

        assertThat(reader.problems()).singleElement().asString().startsWith("--topic (KAFKA_TOPIC): is set but empty");
    }

    @Test
    void acceptsBothEndsOfAnIntegerRange() {
        assertThat(env("BATCH_MAX_RECORDS", "1").integer(RECORDS, 1, 10)).isEqualTo(1);
        assertThat(env("BATCH_MAX_RECORDS", "10").integer(RECORDS, 1, 10)).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 1000000", "1000001, 1, 1000000", "-5, 1, 1000000", "99999999999, 1, 1000000"})
    void namesTheVariableOfAnIntegerOutOfRange(String value, int min, int max) {
        ConfigReader reader = env("BATCH_MAX_RECORDS", value);

        reader.integer(RECORDS, min, max);

        assertThat(reader.problems()).containsExactly("BATCH_MAX_RECORDS=" + value + ": must be between " + min + " and " + max);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "1.5", "1e3", "0x10", "10k", "99999999999999999999"})
    void namesTheVariableOfAValueThatIsNotAnInteger(String value) {
        ConfigReader reader = env("BATCH_MAX_RECORDS", value);

        reader.integer(RECORDS, 1, 1_000_000);

        assertThat(reader.problems()).containsExactly("BATCH_MAX_RECORDS=" + value + ": is not an integer; expected 1..1000000");
    }

    @Test
    void readsALongBeyondTheIntRange() {
        Setting offset = new Setting("START_OFFSET", "--start-offset", null, "First offset");

        assertThat(env("START_OFFSET", "9000000000").longValue(offset, 0, Long.MAX_VALUE)).isEqualTo(9_000_000_000L);
    }

    // --- durations ---

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "PT30S, PT30S", "pt1m30s, PT1M30S",
            "30S, PT30S", "1H, PT1H", "  90s , PT1M30S", "10 s, PT10S"})
    void readsADurationWithAUnitOrInIso8601(String value, Duration expected) {
        ConfigReader reader = env("BATCH_MAX_AGE", value);

        assertThat(reader.duration(AGE, Duration.ZERO, Duration.ofDays(7))).isEqualTo(expected);
        assertThat(reader.problems()).isEmpty();
    }

    @Test
    void usesTheDefaultDuration() {
        assertThat(env().duration(AGE, Duration.ofSeconds(1), Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "30 seconds", "5min", "1.5h", "-5s", "PT", "P1Y", "soon", "1h30m"})
    void namesTheVariableOfAValueThatIsNotADuration(String value) {
        ConfigReader reader = env("BATCH_MAX_AGE", value);

        reader.duration(AGE, Duration.ZERO, Duration.ofDays(1));

        assertThat(reader.problems())
                .containsExactly("BATCH_MAX_AGE=" + value + ": is not a duration; use e.g. 500ms, 30s, 5m, 1h or PT30S");
    }

    @Test
    void namesTheVariableOfADurationOutOfRangeInReadableUnits() {
        ConfigReader reader = env("BATCH_MAX_AGE", "2h");

        reader.duration(AGE, Duration.ofMillis(500), Duration.ofMinutes(90));

        assertThat(reader.problems()).containsExactly("BATCH_MAX_AGE=2h: must be between 0.5s and 1h30m");
    }

    @Test
    void rejectsANegativeIsoDurationAsOutOfRange() {
        ConfigReader reader = env("BATCH_MAX_AGE", "PT-5S");

        reader.duration(AGE, Duration.ZERO, Duration.ofHours(1));

        assertThat(reader.problems()).containsExactly("BATCH_MAX_AGE=PT-5S: must be between 0s and 1h");
    }

    // --- sizes ---

    @ParameterizedTest
    @CsvSource({"64MB, 67108864", "64mb, 67108864", "64 MB, 67108864", "512KB, 524288", "1GB, 1073741824",
            "1048576, 1048576", "2k, 2048", "3m, 3145728", "1g, 1073741824", "16MiB, 16777216", "100b, 100"})
    void readsASizeInBytesWithBinaryUnits(String value, long expected) {
        ConfigReader reader = env("BATCH_MAX_BYTES", value);

        assertThat(reader.bytes(SIZE, 0, Long.MAX_VALUE)).isEqualTo(expected);
        assertThat(reader.problems()).isEmpty();
    }

    @Test
    void usesTheDefaultSize() {
        assertThat(env().bytes(SIZE, 1, 1L << 40)).isEqualTo(64L << 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64XB", "1.5GB", "-1MB", "MB", "64 M B", "lots", "9999999999999999GB"})
    void namesTheVariableOfAValueThatIsNotASize(String value) {
        ConfigReader reader = env("BATCH_MAX_BYTES", value);

        reader.bytes(SIZE, 0, Long.MAX_VALUE);

        assertThat(reader.problems())
                .containsExactly("BATCH_MAX_BYTES=" + value + ": is not a size; use e.g. 1048576, 512KB, 64MB or 1GB");
    }

    @Test
    void namesTheVariableOfASizeOutOfRangeInReadableUnits() {
        ConfigReader reader = env("BATCH_MAX_BYTES", "2GB");

        reader.bytes(SIZE, 1L << 20, 1L << 30);

        assertThat(reader.problems()).containsExactly("BATCH_MAX_BYTES=2GB: must be between 1MB and 1GB");
    }

    // --- fractions ---

    @ParameterizedTest
    @CsvSource({"0, 0.0", "1, 1.0", "0.25, 0.25", "1e-2, 0.01", " .5 , 0.5"})
    void readsAFractionBetweenZeroAndOne(String value, double expected) {
        ConfigReader reader = env("LATE_FRACTION", value);

        assertThat(reader.fraction(LATE)).isEqualTo(expected);
        assertThat(reader.problems()).isEmpty();
    }

    @Test
    void usesTheDefaultFraction() {
        assertThat(env().fraction(LATE)).isEqualTo(0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.01", "-0.1", "2", "NaN", "Infinity"})
    void namesTheVariableOfAFractionOutOfRange(String value) {
        ConfigReader reader = env("LATE_FRACTION", value);

        reader.fraction(LATE);

        assertThat(reader.problems()).containsExactly("LATE_FRACTION=" + value + ": must be a fraction between 0 and 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"half", "5%", "0,5"})
    void namesTheVariableOfAFractionThatIsNotANumber(String value) {
        ConfigReader reader = env("LATE_FRACTION", value);

        reader.fraction(LATE);

        assertThat(reader.problems())
                .containsExactly("LATE_FRACTION=" + value + ": is not a number; expected a fraction between 0 and 1");
    }

    // --- choices ---

    @ParameterizedTest
    @CsvSource({"ingestion, INGESTION", "EVENT, EVENT", "Event, EVENT", "event_time, EVENT_TIME", "event-time, EVENT_TIME"})
    void readsAChoiceIgnoringCaseAndAcceptingHyphens(String value, PartitionTime expected) {
        ConfigReader reader = env("PARTITION_TIME", value);

        assertThat(reader.choice(TIME, PartitionTime.class)).isEqualTo(expected);
        assertThat(reader.problems()).isEmpty();
    }

    @Test
    void usesTheDefaultChoice() {
        Setting withDefault = new Setting("PARTITION_TIME", "--partition-time", "event", "Hour folders from");

        assertThat(env().choice(withDefault, PartitionTime.class)).isEqualTo(PartitionTime.EVENT);
    }

    @Test
    void namesTheVariableOfAnUnknownChoiceListingTheKnownOnes() {
        ConfigReader reader = env("PARTITION_TIME", "wallclock");

        reader.choice(TIME, PartitionTime.class);

        assertThat(reader.problems())
                .containsExactly("PARTITION_TIME=wallclock: must be one of ingestion, event, event_time");
    }

    // --- strings ---

    @Test
    void reportsAMissingRequiredValueByName() {
        ConfigReader reader = env();

        assertThat(reader.required(TOPIC)).isNull();
        assertThat(reader.problems()).containsExactly("KAFKA_TOPIC: is required");
    }

    @Test
    void readsARequiredValueTrimmed() {
        ConfigReader reader = env("KAFKA_TOPIC", " clickstream ");

        assertThat(reader.required(TOPIC)).isEqualTo("clickstream");
        assertThat(reader.problems()).isEmpty();
    }

    @Test
    void letsAnExplicitlyEmptyValueTurnAFeatureOff() {
        assertThat(env("DLQ_TOPIC", "").stringAllowEmpty(DLQ)).isEmpty();
        assertThat(env("DLQ_TOPIC", "  ").stringAllowEmpty(DLQ)).isEmpty();
        assertThat(env().stringAllowEmpty(DLQ)).isEqualTo("clickstream-dlq");
        assertThat(env().stringAllowEmpty(TOPIC)).isEmpty();
        assertThat(env().string(TOPIC)).isNull();
        ConfigReader reader = env("DLQ_TOPIC", "");
        reader.stringAllowEmpty(DLQ);
        assertThat(reader.problems()).as("empty is what this setting is read for").isEmpty();
    }

    @Test
    void showsAControlCharacterOfAValueAsAQuestionMarkSoTheProblemStaysOneLine() {
        ConfigReader reader = env("BATCH_MAX_RECORDS", "12\nBATCH_MAX_RECORDS=ok");

        reader.integer(RECORDS, 1, 100);

        assertThat(reader.problems()).singleElement().asString().startsWith("BATCH_MAX_RECORDS=12?BATCH_MAX_RECORDS=ok: ")
                .doesNotContain("\n");
    }

    // --- reporting ---

    @Test
    void collectsEveryProblemBeforeFailingEachNamingItsVariable() {
        ConfigReader reader = env(
                "BATCH_MAX_RECORDS", "0",
                "BATCH_MAX_AGE", "forever",
                "BATCH_MAX_BYTES", "64XB",
                "LATE_FRACTION", "2",
                "PARTITION_TIME", "wallclock",
                "METRICS_PORT", "9090");

        reader.integer(RECORDS, 1, 1_000_000);
        reader.duration(AGE, Duration.ofSeconds(1), Duration.ofHours(1));
        reader.bytes(SIZE, 1, 1L << 30);
        reader.fraction(LATE);
        reader.choice(TIME, PartitionTime.class);
        reader.required(TOPIC);
        reader.integer(PORT, 1, 65535);

        ConfigException e = catchThrowableOfType(ConfigException.class, reader::throwIfInvalid);
        assertThat(e.problems()).hasSize(6);
        assertThat(e.problems()).extracting(p -> p.substring(0, p.indexOf(p.contains("=") ? '=' : ':')))
                .containsExactly("BATCH_MAX_RECORDS", "BATCH_MAX_AGE", "BATCH_MAX_BYTES", "LATE_FRACTION",
                        "PARTITION_TIME", "KAFKA_TOPIC");
        assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), e.problems()));
    }

    @Test
    void doesNotFailWhenEveryValueIsGood() {
        ConfigReader reader = env("BATCH_MAX_RECORDS", "10", "KAFKA_TOPIC", "t");
        reader.integer(RECORDS, 1, 100);
        reader.required(TOPIC);

        assertThatNoException().isThrownBy(reader::throwIfInvalid);
    }

    @Test
    void namesTheFlagAndTheVariableWhenTheValueCameFromAFlag() {
        var reader = new ConfigReader(Map.of("BATCH_MAX_RECORDS", "0", "BATCH_MAX_AGE", "1y"), Set.of("BATCH_MAX_RECORDS"));

        reader.integer(RECORDS, 1, 100);
        reader.duration(AGE, Duration.ZERO, Duration.ofHours(1));

        assertThat(reader.problems()).containsExactly(
                "--batch-max-records (BATCH_MAX_RECORDS)=0: must be between 1 and 100",
                "BATCH_MAX_AGE=1y: is not a duration; use e.g. 500ms, 30s, 5m, 1h or PT30S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS_SECRET_ACCESS_KEY", "KAFKA_SASL_PASSWORD", "API_TOKEN"})
    void masksTheValueOfASecretInEveryMessage(String name) {
        Setting secret = new Setting(name, "--secret", null, "a secret");
        ConfigReader reader = env(name, "hunter2-very-secret");

        reader.integer(secret, 1, 2);
        reader.problem(secret, "hunter2-very-secret", "is rejected by S3");

        assertThat(reader.problems()).containsExactly(
                name + "=****: is not an integer; expected 1..2",
                name + "=****: is rejected by S3");
    }

    @Test
    void masksASecretThatCameFromAFlagToo() {
        var reader = new ConfigReader(Map.of("AWS_SECRET_ACCESS_KEY", "hunter2"), Set.of("AWS_SECRET_ACCESS_KEY"));

        reader.integer(SECRET, 1, 2);

        assertThat(reader.problems()).singleElement().asString()
                .isEqualTo("--aws-secret-access-key (AWS_SECRET_ACCESS_KEY)=****: is not an integer; expected 1..2")
                .doesNotContain("hunter2");
    }

    @Test
    void abbreviatesALongValueInAMessage() {
        ConfigReader reader = env("BATCH_MAX_RECORDS", "9".repeat(500));

        reader.integer(RECORDS, 1, 10);

        assertThat(reader.problems()).singleElement().asString()
                .startsWith("BATCH_MAX_RECORDS=" + "9".repeat(77) + "...: ");
    }

    @Test
    void recordsACrossFieldProblemFoundByTheCaller() {
        ConfigReader reader = env("BATCH_MAX_BYTES", "1GB");

        reader.problem(SIZE, "1GB", "must not exceed BUFFER_MAX_BYTES (256MB)");

        assertThat(reader.problems()).containsExactly("BATCH_MAX_BYTES=1GB: must not exceed BUFFER_MAX_BYTES (256MB)");
    }

    @Test
    void handsOutACopyOfTheProblems() {
        ConfigReader reader = env("BATCH_MAX_RECORDS", "x");
        reader.integer(RECORDS, 1, 2);

        var problems = reader.problems();
        reader.required(TOPIC);

        assertThat(problems).hasSize(1);
        assertThat(reader.problems()).hasSize(2);
    }
}
