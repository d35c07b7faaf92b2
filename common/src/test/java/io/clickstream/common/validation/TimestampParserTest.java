package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.validation.TimestampParser.Result;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {
    private static final Instant T = Instant.parse("2026-01-19T10:15:30Z");
    private static final long T_MILLIS = 1_768_817_730_000L;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-01-19T10:15:30Z              | 2026-01-19T10:15:30Z",
            "2026-01-19T12:15:30+02:00         | 2026-01-19T10:15:30Z",
            "2026-01-19T05:15:30-05:00         | 2026-01-19T10:15:30Z",
            "2026-01-19T15:45:30+05:30         | 2026-01-19T10:15:30Z",
            "2026-01-20T00:15:30+14:00         | 2026-01-19T10:15:30Z",
            "2026-01-19T10:15:30+00:00         | 2026-01-19T10:15:30Z",
            "2026-01-19T10:15:30               | 2026-01-19T10:15:30Z",
            "2026-01-19T10:15                  | 2026-01-19T10:15:00Z",
            "2026-01-19T10:15:30.5Z            | 2026-01-19T10:15:30.500Z",
            "2026-01-19T10:15:30.123Z          | 2026-01-19T10:15:30.123Z",
            "2026-01-19T10:15:30.123456Z       | 2026-01-19T10:15:30.123456Z",
            "2026-01-19T10:15:30.123456789Z    | 2026-01-19T10:15:30.123456789Z",
            "2026-01-19T12:15:30.123456+02:00  | 2026-01-19T10:15:30.123456Z",
            "2026-01-19T10:15:30.250           | 2026-01-19T10:15:30.250Z",
            "2024-02-29T23:59:59Z              | 2024-02-29T23:59:59Z",
    })
    void parsesIso8601WithOrWithoutOffsetIntoUtc(String text, String expected) {
        assertThat(TimestampParser.parseText(text)).isEqualTo(new Result.Parsed(Instant.parse(expected)));
    }

    @Test
    void readsATimestampWithoutOffsetAsUtcWhateverTheDefaultZone() {
        var saved = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/Los_Angeles"));
            assertThat(TimestampParser.parseText("2026-01-19T10:15:30")).isEqualTo(new Result.Parsed(T));
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    @Test
    void parsesEpochMillisGivenAsAJsonInteger() {
        assertThat(TimestampParser.parseMillis(T_MILLIS)).isEqualTo(new Result.Parsed(T));
        assertThat(TimestampParser.parseMillis(T_MILLIS + 7)).isEqualTo(new Result.Parsed(T.plusMillis(7)));
    }

    @Test
    void parsesEpochMillisGivenAsADigitString() {
        assertThat(TimestampParser.parseText("1768817730000")).isEqualTo(new Result.Parsed(T));
        assertThat(TimestampParser.parseText(" 1768817730000 ")).isEqualTo(new Result.Parsed(T));
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(TimestampParser.parseText("  2026-01-19T10:15:30Z\t")).isEqualTo(new Result.Parsed(T));
    }

    @Test
    void acceptsTheFirstInstantOfTheRangeAndRejectsTheEnd() {
        assertThat(TimestampParser.parseText("2000-01-01T00:00:00Z")).isEqualTo(new Result.Parsed(TimestampParser.EARLIEST));
        assertThat(TimestampParser.parseText("2099-12-31T23:59:59.999999999Z")).isInstanceOf(Result.Parsed.class);
        assertThat(TimestampParser.parseText("2100-01-01T00:00:00Z")).isInstanceOf(Result.Rejected.class);
        assertThat(TimestampParser.parseText("1999-12-31T23:59:59.999Z")).isInstanceOf(Result.Rejected.class);
        assertThat(TimestampParser.parseMillis(TimestampParser.EARLIEST.toEpochMilli())).isInstanceOf(Result.Parsed.class);
        assertThat(TimestampParser.parseMillis(TimestampParser.EARLIEST.toEpochMilli() - 1)).isInstanceOf(Result.Rejected.class);
        assertThat(TimestampParser.parseMillis(TimestampParser.LATEST.toEpochMilli() - 1)).isInstanceOf(Result.Parsed.class);
        assertThat(TimestampParser.parseMillis(TimestampParser.LATEST.toEpochMilli())).isInstanceOf(Result.Rejected.class);
    }

    @Test
    void judgesTheRangeOnTheUtcInstantNotTheLocalText() {
        // 2100-01-01T01:00+02:00 is 23:00 UTC the day before: inside the range.
        assertThat(TimestampParser.parseText("2100-01-01T01:00:00+02:00"))
                .isEqualTo(new Result.Parsed(Instant.parse("2099-12-31T23:00:00Z")));
        assertThat(TimestampParser.parseText("1999-12-31T23:00:00-02:00"))
                .isEqualTo(new Result.Parsed(Instant.parse("2000-01-01T01:00:00Z")));
    }

    @Test
    void rejectsEpochSecondsHintingAtTheMistake() {
        assertThat(detail(TimestampParser.parseMillis(1_768_817_730L)))
                .contains("epoch millis 1768817730", "1970-01-21", "epoch seconds instead of millis?");
        assertThat(detail(TimestampParser.parseText("1768817730")))
                .contains("epoch seconds instead of millis?");
    }

    @Test
    void rejectsEpochMicrosAndNanosAsFarFuture() {
        assertThat(detail(TimestampParser.parseMillis(T_MILLIS * 1000))).contains("outside").doesNotContain("seconds");
        assertThat(detail(TimestampParser.parseText(Long.toString(T_MILLIS * 1_000_000))))
                .contains("too large for epoch millis");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -T_MILLIS, Long.MIN_VALUE, Long.MAX_VALUE})
    void rejectsEpochMillisOutsideTheRange(long millis) {
        assertThat(TimestampParser.parseMillis(millis)).isInstanceOf(Result.Rejected.class);
    }

    @Test
    void doesNotBlameEpochSecondsForATimestampBefore1970() {
        assertThat(detail(TimestampParser.parseMillis(-5_000))).doesNotContain("seconds");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "1969-07-20T20:17:40Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "3026-01-19T10:15:30Z",
            "+12026-01-19T10:15:30Z"})
    void rejectsIsoTimestampsFarInThePastOrFuture(String text) {
        assertThat(detail(TimestampParser.parseText(text))).contains("outside [2000-01-01T00:00:00Z, 2100-01-01T00:00:00Z)");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "yesterday", "now", "null", "2026-01-19 10:15:30", "2026-01-19", "10:15:30", "2026-01-19T", "2026-1-19T10:15:30Z",
            "2026-01-19T10:15:30ZZ", "2026-01-19T10:15:30+2", "2026-01-19T10:15:30+25:00", "2026-01-19T10:15:30 Z",
            "2026-13-01T00:00:00Z", "2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-01-19T24:00:01Z",
            "2026-01-19T10:61:00Z", "2026-01-19T10:15:30Z[Europe/Paris]", "Mon, 19 Jan 2026 10:15:30 GMT",
            "19/01/2026 10:15", "2026-W03-1T10:15:30Z", "-1768817730000", "+1768817730000", "1768817730000.0",
            "1_768_817_730_000", "0x1A", "\u0661\u0667\u0666\u0668\u0668\u0661\u0667\u0667\u0663\u0660\u0660\u0660\u0660"})
    void rejectsAnythingThatIsNotIso8601OrEpochMillis(String text) {
        assertThat(TimestampParser.parseText(text)).isInstanceOf(Result.Rejected.class);
    }

    @Test
    void explainsWhatFormatsAreAccepted() {
        assertThat(detail(TimestampParser.parseText("2026-01-19 10:15:30")))
                .isEqualTo("'2026-01-19 10:15:30' is neither ISO-8601 (2026-01-19T10:15:30Z, with or without offset) nor epoch millis");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "\t\n"})
    void rejectsABlankTimestamp(String text) {
        assertThat(TimestampParser.parseText(text)).isEqualTo(new Result.Rejected("blank timestamp"));
    }

    @Test
    void abbreviatesAHugeValueInTheDetail() {
        assertThat(detail(TimestampParser.parseText("x".repeat(100_000)))).hasSizeLessThan(200);
        assertThat(detail(TimestampParser.parseText("9".repeat(100_000)))).hasSizeLessThan(200);
    }

    private static String detail(Result result) {
        assertThat(result).isInstanceOf(Result.Rejected.class);
        return ((Result.Rejected) result).detail();
    }
}
