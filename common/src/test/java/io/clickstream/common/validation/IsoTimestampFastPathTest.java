package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.testing.Generators;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampFastPathTest {
    private static final int SAMPLES = 200_000;
    private static final String ALPHABET = "0123456789-:T.Z+ zt";

    /** What TimestampParser did before the fast path, and still does for everything else. */
    private static Instant javaTime(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException neither) {
                return null;
            }
        }
    }

    @Test
    void acceptsOnlyWhatJavaTimeAcceptsAndReadsTheSameInstant() {
        SplittableRandom random = Generators.random("commonIso");
        int accepted = 0;
        for (int i = 0; i < SAMPLES; i++) {
            String text = candidate(random);
            Instant fast = IsoTimestampFastPath.parse(text);
            if (fast != null) {
                accepted++;
                assertThat(fast).as("fast path on '%s'", text).isEqualTo(javaTime(text));
            }
        }
        // Not vacuous: every field is drawn half the time from beyond its range, so about one candidate
        // in thirteen is a real timestamp of the common shape; those must take the fast path.
        assertThat(accepted).isGreaterThan(SAMPLES / 20);
    }

    @Test
    void takesTheFastPathForEveryInstantToStringInRange() {
        SplittableRandom random = Generators.random("commonIsoToString");
        for (int i = 0; i < SAMPLES; i++) {
            Instant instant = Generators.instantInRange(random);
            assertThat(IsoTimestampFastPath.parse(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-02-29T00:00:00Z", "2000-02-29T23:59:59.999999999+17:59", "2099-12-31T23:59:59-17:59",
            "2026-01-19T10:15:30", "2026-01-19T10:15:30.1+05:45", "1970-01-01T00:00:00Z"})
    void readsTheCommonShapesLikeJavaTime(String text) {
        assertThat(IsoTimestampFastPath.parse(text)).isNotNull().isEqualTo(javaTime(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-01-19T24:00:00Z", "2026-01-19T10:60:00Z", "2026-01-19T10:15:60Z", "2026-01-19t10:15:30Z",
            "2026-01-19T10:15:30z", "2026-01-19T10:15Z", "2026-01-19T10:15:30.Z", "2026-01-19T10:15:30.1234567890Z",
            "2026-01-19T10:15:30+18:00", "2026-01-19T10:15:30+05:45:10", "2026-01-19T10:15:30+0545", "+2026-01-19T10:15:30Z",
            "2026-01-19T10:15:30Z ", "2026-1-19T10:15:30Z", "２026-01-19T10:15:30Z"})
    void leavesEverythingElseToJavaTime(String text) {
        assertThat(IsoTimestampFastPath.parse(text)).isNull();
    }

    /** Common-shape text with random digits in every field, random offsets and fractions, sometimes one character changed. */
    private static String candidate(SplittableRandom random) {
        var text = new StringBuilder();
        text.append(random.nextInt(4) == 0 ? digits(random, 4) : Integer.toString(random.nextInt(1999, 2101)))
                .append('-').append(pad(random.nextInt(random.nextBoolean() ? 13 : 100)))
                .append('-').append(pad(random.nextInt(random.nextBoolean() ? 32 : 100)))
                .append('T').append(pad(random.nextInt(random.nextBoolean() ? 25 : 100)))
                .append(':').append(pad(random.nextInt(random.nextBoolean() ? 61 : 100)))
                .append(':').append(pad(random.nextInt(random.nextBoolean() ? 61 : 100)));
        switch (random.nextInt(3)) {
            case 0 -> { }
            case 1 -> text.append('.').append(digits(random, random.nextInt(0, 11)));
            default -> text.append('.').append(digits(random, random.nextInt(1, 10)));
        }
        switch (random.nextInt(4)) {
            case 0 -> { }
            case 1 -> text.append('Z');
            default -> text.append(random.nextBoolean() ? '+' : '-').append(pad(random.nextInt(random.nextBoolean() ? 19 : 100)))
                    .append(':').append(pad(random.nextInt(random.nextBoolean() ? 60 : 100)));
        }
        if (random.nextInt(5) == 0) {
            int at = random.nextInt(text.length());
            text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String pad(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private static String digits(SplittableRandom random, int count) {
        var out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }
}
