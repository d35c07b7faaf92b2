package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.testing.Generators;
import io.clickstream.common.testing.Generators.Chars;
import io.clickstream.common.testing.Generators.UrlParts;
import io.clickstream.common.testing.NameTheInputOnFailure;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NameTheInputOnFailure.class)
class UrlNormalizerPropertiesTest {

    static Stream<Named<UrlParts>> urls() {
        return Generators.samples("urls", 1000, Generators::httpUrl);
    }

    static Stream<Named<UrlParts>> urlsToNormalizeTwice() {
        return Generators.samples("urlsToNormalizeTwice", 500, Generators::httpUrl);
    }

    private static final Chars URL_LIKE_TAIL = Chars.of("aZ09.-_:@[]/?#%\\ \t\n\u0000\u007f\u0085\u00e9\u0130").andRange('a', 'f');
    /** The same without whitespace and control characters, so more of the text normalizes. */
    private static final Chars URL_LIKE_TAIL_NO_SPACE = Chars.of("aZ09.-_:@[]/?#%\\\u00e9\u0130").andRange('a', 'f');

    private static final List<String> URL_LIKE_EDGE_CASES = List.of(
            "http://", "https://", "://", "HTTP://A", "http://[", "http://[]", "http://a:", "http://@", "http:/://a",
            "http:// a", "http://a/ ", "http://\u0130", "http://a#\u0000");

    /**
     * Text that starts like a URL, so the checks after the scheme get exercised, not just the first one; half of
     * it without whitespace or control characters, so that enough of it normalizes for the properties about results.
     */
    private static String urlLikeText(SplittableRandom random) {
        String scheme = Generators.pick(random, "http", "https", "HTTP", "hTtPs", "ftp", "", "http:/");
        Chars tail = random.nextBoolean() ? URL_LIKE_TAIL : URL_LIKE_TAIL_NO_SPACE;
        return scheme + "://" + tail.string(random, 0, 30);
    }

    private static Stream<Named<String>> urlLikeTexts(String sourceName) {
        return Generators.samples(sourceName, 1000, URL_LIKE_EDGE_CASES, UrlNormalizerPropertiesTest::urlLikeText);
    }

    static Stream<Named<String>> urlLikeTextToNormalizeTwice() {
        return urlLikeTexts("urlLikeTextToNormalizeTwice");
    }

    static Stream<Named<String>> urlLikeTextToCheckForWhitespace() {
        return urlLikeTexts("urlLikeTextToCheckForWhitespace");
    }

    static Stream<Named<String>> urlLikeTextToCompareIgnoringCase() {
        return urlLikeTexts("urlLikeTextToCompareIgnoringCase");
    }

    static Stream<Named<String>> urlLikeTextThatMustNotThrow() {
        return urlLikeTexts("urlLikeTextThatMustNotThrow");
    }

    static Stream<Named<String>> anyStrings() {
        return Generators.samples("anyStrings", 1000, Generators.STRING_EDGE_CASES, Generators::anyString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void lowercasesSchemeAndHostAndKeepsEverythingAfterTheHostByteIdentical(UrlParts url) {
        Optional<String> normalized = UrlNormalizer.normalize(url.url());

        assertThat(normalized).as(url.url()).contains(url.expectedNormalized());
        assertThat(normalized.orElseThrow()).endsWith(url.rest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlsToNormalizeTwice")
    void normalizingTwiceGivesTheSameAsNormalizingOnce(UrlParts url) {
        String once = UrlNormalizer.normalize(url.url()).orElseThrow();

        assertThat(UrlNormalizer.normalize(once)).contains(once);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlLikeTextToNormalizeTwice")
    void normalizingUrlLikeTextIsIdempotentWheneverItSucceeds(String text) {
        UrlNormalizer.normalize(text).ifPresent(once -> assertThat(UrlNormalizer.normalize(once)).contains(once));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlLikeTextToCheckForWhitespace")
    void aNormalizedUrlNeverContainsWhitespaceOrControlCharacters(String text) {
        UrlNormalizer.normalize(text).ifPresent(url -> assertThat(url.chars())
                .as(url)
                .noneMatch(c -> c <= ' ' || c == 0x7f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlLikeTextToCompareIgnoringCase")
    void aNormalizedUrlOnlyEverChangesCase(String text) {
        UrlNormalizer.normalize(text).ifPresent(url -> assertThat(url).isEqualToIgnoringCase(text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anyStrings")
    void anyStringGivesAResultAndNeverThrows(String text) {
        assertThat(UrlNormalizer.normalize(text)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlLikeTextThatMustNotThrow")
    void anyUrlLikeTextGivesAResultAndNeverThrows(String text) {
        assertThat(UrlNormalizer.normalize(text)).isNotNull();
    }

    private static final List<String> FAST_PATH_EDGE_CASES = List.of(
            "http://a", "https://a", "http://a:0", "http://a:65535", "http://a:65536", "http://a:99999", "http://a:123456",
            "http://a:", "http://:80", "http://.a", "http://-a", "http://a.", "http://a-", "http://a:1:2", "http://a_b/",
            "http://a/ b", "http://a/\u007f", "http://a?x#y", "http://a#", "http://a?", "http://A", "HTTP://a", "http://a@b",
            "http://[::1]", "http://[::1]:8080/p", "http://a:8x", "http://a:\uff18", "http://\u00e9", "http://a/\u00e9",
            "https://shop.example.com/p/AbC?utm_source=X#top", "http:///", "http://?", "http://#", "http://a:/");

    static Stream<Named<String>> textForBothPaths() {
        return Stream.of(
                Generators.samples("urlsForBothPaths", 500, Generators::httpUrl).map(n -> Named.of(n.getName(), n.getPayload().url())),
                urlLikeTexts("urlLikeTextForBothPaths"),
                Generators.samples("anyStringsForBothPaths", 500, Generators.STRING_EDGE_CASES, Generators::anyString),
                FAST_PATH_EDGE_CASES.stream().map(text -> Named.of(text, text)))
                .flatMap(stream -> stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textForBothPaths")
    void theOnePassCheckForAnAlreadyNormalUrlAnswersAsTheFullNormalizationDoes(String text) {
        assertThat(UrlNormalizer.normalize(text)).isEqualTo(UrlNormalizer.normalizeAnyUrl(text));
    }
}
