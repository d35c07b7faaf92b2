package io.clickstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3KeyPrefixTest {

    @ParameterizedTest
    @CsvSource({"clickstream, clickstream", "lake/raw, lake/raw", "lake/raw/, lake/raw", "a, a",
            "Lake_2026-v1.0/raw, Lake_2026-v1.0/raw", "'it''s(1)!*', 'it''s(1)!*'", "..hidden/x, ..hidden/x",
            "a.b/c..d, a.b/c..d"})
    void acceptsSegmentsOfSafeCharactersAndDropsOneTrailingSlash(String text, String expected) {
        assertThat(S3KeyPrefix.check(text)).isEqualTo(new S3KeyPrefix.Result.Valid(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../lake", "lake/..", "lake/../../other", "lake/./raw", "./lake"})
    void refusesDotSegmentsSoObjectsStayUnderThePrefix(String text) {
        assertThat(problemOf(text)).contains("segment; the objects must stay under the prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lake//raw", "lake//", "//"})
    void refusesEmptySegments(String text) {
        assertThat(problemOf(text)).satisfiesAnyOf(
                p -> assertThat(p).contains("empty segment"),
                p -> assertThat(p).contains("must not start with '/'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/lake", "/"})
    void refusesALeadingSlash(String text) {
        assertThat(problemOf(text)).startsWith("must not start with '/'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"lake raw|' ' (U+0020)", "lake#raw|'#' (U+0023)", "lake\\raw|'\\' (U+005C)",
            "lake?raw|'?' (U+003F)", "lake=raw|'=' (U+003D)", "lake%2Fraw|'%' (U+0025)", "läke|U+00E4", "lake&raw|'&' (U+0026)"})
    void refusesCharactersOutsideS3sSafeSetNamingTheCharacter(String text, String named) {
        assertThat(problemOf(text)).startsWith("contains " + named + "; use letters, digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lake\nraw", "lake\u0000", "lake\u007F"})
    void namesAControlCharacterByItsCodePointOnly(String text) {
        assertThat(problemOf(text)).startsWith("contains U+").doesNotContain("\n", "\u0000", "\u007F");
    }

    @ParameterizedTest
    @ValueSource(ints = {S3KeyPrefix.MAX_LENGTH + 1, 2000})
    void refusesAPrefixThatLeavesNoRoomForTheKey(int length) {
        assertThat(problemOf("a".repeat(length))).isEqualTo("is longer than " + S3KeyPrefix.MAX_LENGTH + " characters");
    }

    @ParameterizedTest
    @ValueSource(ints = {S3KeyPrefix.MAX_LENGTH})
    void acceptsTheLongestPrefix(int length) {
        assertThat(S3KeyPrefix.check("a".repeat(length))).isInstanceOf(S3KeyPrefix.Result.Valid.class);
    }

    private static String problemOf(String text) {
        S3KeyPrefix.Result result = S3KeyPrefix.check(text);
        assertThat(result).as(text).isInstanceOf(S3KeyPrefix.Result.Invalid.class);
        return ((S3KeyPrefix.Result.Invalid) result).problem();
    }
}
