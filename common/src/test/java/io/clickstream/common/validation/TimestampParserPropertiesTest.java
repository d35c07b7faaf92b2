package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.clickstream.common.testing.Generators;
import io.clickstream.common.testing.Generators.Chars;
import io.clickstream.common.testing.NameTheInputOnFailure;
import io.clickstream.common.validation.TimestampParser.Result;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NameTheInputOnFailure.class)
class TimestampParserPropertiesTest {

    /** Every edge instant at every edge offset, then random instants at random offsets. */
    static Stream<Arguments> instantsWithOffsets() {
        Stream<Arguments> edgeCases = Generators.INSTANT_EDGE_CASES.stream()
                .flatMap(instant -> Generators.OFFSET_EDGE_CASES.stream().map(offset -> arguments(instant, offset)));
        SplittableRandom random = Generators.random("instantsWithOffsets");
        Stream<Arguments> generated = IntStream.range(0, 500)
                .mapToObj(i -> arguments(Generators.instantInRange(random), Generators.offset(random)));
        return Stream.concat(edgeCases, generated);
    }

    static Stream<Named<Instant>> instantsToFormatWithoutOffset() {
        return Generators.samples("instantsToFormatWithoutOffset", 300, Generators.INSTANT_EDGE_CASES, Generators::instantInRange);
    }

    static Stream<Named<Instant>> instantsToFormatWithToString() {
        return Generators.samples("instantsToFormatWithToString", 300, Generators.INSTANT_EDGE_CASES, Generators::instantInRange);
    }

    static Stream<Named<Long>> millisInRange() {
        return Generators.samples("millisInRange", 500, Generators.MILLIS_EDGE_CASES, Generators::millisInRange);
    }

    /** Any long, a third of them within a day of either end of the accepted range. */
    static Stream<Named<Long>> anyLongs() {
        long earliest = TimestampParser.EARLIEST.toEpochMilli();
        long latest = TimestampParser.LATEST.toEpochMilli();
        List<Long> edgeCases = Stream.concat(Generators.LONG_EDGE_CASES.stream(),
                Stream.of(earliest - 1, earliest, latest - 1, latest)).toList();
        long day = 24 * 3600 * 1000L;
        return Generators.samples("anyLongs", 500, edgeCases, random -> Generators.oneOf(random,
                Generators::anyLong,
                Generators::anyLong,
                r -> (r.nextBoolean() ? earliest : latest) + r.nextLong(-day, day)));
    }

    static Stream<Named<String>> anyStrings() {
        return Generators.samples("anyStrings", 1000, Generators.STRING_EDGE_CASES, Generators::anyString);
    }

    private static final String TIMESTAMP_ALPHABET = "0123456789-:T.Z+ zt";

    /** Strings of timestamp characters, and valid timestamps with one character replaced by one of those. */
    static Stream<Named<String>> nearlyTimestamps() {
        Chars chars = Chars.of(TIMESTAMP_ALPHABET);
        return Generators.samples("nearlyTimestamps", 1000, random -> Generators.oneOf(random,
                r -> chars.string(r, 0, 40),
                r -> {
                    String valid = Generators.instantInRange(r).toString();
                    int at = r.nextInt(valid.length());
                    return valid.substring(0, at) + chars.next(r) + valid.substring(at + 1);
                }));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("instantsWithOffsets")
    void isoTextWithAnyOffsetParsesToTheSameInstant(Instant instant, ZoneOffset offset) {
        String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset));

        assertThat(TimestampParser.parseText(text)).as(text).isEqualTo(new Result.Parsed(instant));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instantsToFormatWithoutOffset")
    void isoTextWithoutOffsetIsReadAsUtc(Instant instant) {
        String text = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));

        assertThat(TimestampParser.parseText(text)).as(text).isEqualTo(new Result.Parsed(instant));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instantsToFormatWithToString")
    void instantToStringRoundTrips(Instant instant) {
        assertThat(TimestampParser.parseText(instant.toString())).isEqualTo(new Result.Parsed(instant));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("millisInRange")
    void epochMillisRoundTripAsIntegerAndAsDigitString(long millis) {
        var expected = new Result.Parsed(Instant.ofEpochMilli(millis));

        assertThat(TimestampParser.parseMillis(millis)).isEqualTo(expected);
        assertThat(TimestampParser.parseText(Long.toString(millis))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anyLongs")
    void anyLongIsParsedExactlyWhenItIsInRange(long millis) {
        Result result = TimestampParser.parseMillis(millis);

        boolean inRange = millis >= TimestampParser.EARLIEST.toEpochMilli() && millis < TimestampParser.LATEST.toEpochMilli();
        assertThat(result).isInstanceOf(inRange ? Result.Parsed.class : Result.Rejected.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anyStrings")
    void anyStringGivesAResultAndNeverThrows(String text) {
        assertParsedInRangeOrRejectedWithDetail(TimestampParser.parseText(text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearlyTimestamps")
    void textThatNearlyLooksLikeATimestampGivesAResultAndNeverThrows(String text) {
        assertParsedInRangeOrRejectedWithDetail(TimestampParser.parseText(text));
    }

    private static void assertParsedInRangeOrRejectedWithDetail(Result result) {
        assertThat(result).isNotNull();
        if (result instanceof Result.Parsed parsed) {
            assertThat(parsed.instant()).isBetween(TimestampParser.EARLIEST, TimestampParser.LATEST)
                    .isNotEqualTo(TimestampParser.LATEST);
        } else {
            assertThat(((Result.Rejected) result).detail()).isNotBlank().hasSizeLessThan(300);
        }
    }
}
