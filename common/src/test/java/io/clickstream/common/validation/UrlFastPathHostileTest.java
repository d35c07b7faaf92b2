package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile checks of the one-pass fast path ({@link UrlNormalizer#isPlainlyNormal}): {@code normalize(x)} must equal
 * {@code normalizeAnyUrl(x)} for every x, and whatever the fast path accepts must be a URL the full normalization
 * leaves exactly as it is (same content). Exhaustive over short strings of a hostile alphabet, then hand-picked
 * inputs the existing tests do not have.
 */
class UrlFastPathHostileTest {

    /** Letters of both cases, ASCII and non-ASCII digits, every delimiter the parsers look at, whitespace, escapes. */
    private static final char[] ALPHABET = {
        'a', 'A', '0', '9', ':', '.', '-', '_', '@', '/', '?', '#', '[', ']', ' ', '%', '\\', '\u0663', // ARABIC-INDIC 3
    };

    private static void agree(String url) {
        Optional<String> full = UrlNormalizer.normalizeAnyUrl(url);
        Optional<String> fast = UrlNormalizer.normalize(url);
        assertThat(fast).as("normalize(%s) vs normalizeAnyUrl", printable(url)).isEqualTo(full);
        if (UrlNormalizer.isPlainlyNormal(url)) {
            assertThat(full).as("the fast path accepted %s: the full normalization must keep it as it is",
                    printable(url)).contains(url);
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }

    /** Every string of up to {@code maxLength} characters of the alphabet, after each prefix and before each suffix. */
    private static long enumerate(String prefix, int maxLength, String suffix, long[] fastAccepted) {
        long count = 0;
        char[] buffer = new char[maxLength];
        for (int length = 0; length <= maxLength; length++) {
            int[] digits = new int[length];
            while (true) {
                for (int i = 0; i < length; i++) {
                    buffer[i] = ALPHABET[digits[i]];
                }
                String url = prefix + new String(buffer, 0, length) + suffix;
                agree(url);
                if (UrlNormalizer.isPlainlyNormal(url)) {
                    fastAccepted[0]++;
                }
                count++;
                int i = length - 1;
                while (i >= 0 && ++digits[i] == ALPHABET.length) {
                    digits[i] = 0;
                    i--;
                }
                if (i < 0) {
                    break;
                }
            }
        }
        return count;
    }

    @Test
    void exhaustivelyAgreesOnEveryShortAuthorityAfterHttp() {
        long[] accepted = {0};
        long count = enumerate("http://", 5, "", accepted);
        assertThat(count).isEqualTo(1 + 18 + 18 * 18 + 18 * 18 * 18 + 18L * 18 * 18 * 18 + 18L * 18 * 18 * 18 * 18);
        // the fast path is exercised, not only the fallback
        assertThat(accepted[0]).as("strings the fast path accepted").isGreaterThan(1000);
    }

    @Test
    void exhaustivelyAgreesWithAPathAfterTheAuthorityAndOverHttps() {
        long[] accepted = {0};
        enumerate("https://", 4, "", accepted);
        enumerate("http://", 4, "/P?Q#R", accepted);
        enumerate("http://a", 4, "", accepted);
        enumerate("http://a:", 4, "", accepted);
        enumerate("http://a:8", 3, "/x", accepted);
        assertThat(accepted[0]).isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://a:00080", "http://a:00080/", "http://a:000080", "http://a:0", "http://a:00000", "http://a:65535",
        "http://a:65536", "http://a:99999", "http://a:100000", "http://a:-1", "http://a:+80", "http://a: 80",
        "http://a:80:", "http://a::80", "http://a:80@b", "http://a:80@b:81", "http://a@b", "http://@b", "http://a@",
        "http://a/@b", "http://a?x@y", "http://a#@", "http://xn--bcher-kva.example", "http://b\u00fccher.example",
        "http://XN--bcher-kva.example", "http://a_b.example", "http://_", "http://_a", "http://a.", "http://a..",
        "http://.", "http://..a", "http://-a", "http://a-", "http://a%20b", "http://a/%", "http://%61", "http://a/%zz",
        "http://a:\u0668\u0660", "http://a:8\u0660", "http://\u0661\u0662\u0663", "http://a/P/AbC?utm=X",
        "http://a/\u00e9", "http://a/x y", "http://a/x\ty", "http://a/\u007f", "http://a/\u0085", "http://a/\u00a0",
        "http://a/\u2028", "http://a\\b", "http://a\\@b", "http:\\\\a", "http:/a", "http:a", "http://", "https://",
        "http:///a", "http://?", "http://#", "http://a?", "http://a#", "http://1.2.3.4", "http://1.2.3.4:80",
        "http://999.999.999.999", "http://1234567890", "http://0", "http://0.", "http://...", "http://[::1]",
        "http://[::1]:80", "http://[::1]x", "http://[", "http://]", "http://a]", "http://a[", "HTTP://a", "Http://a",
        "http://A", "http://a/A", "https://a", "httpS://a", "http://a:80/../b", "http://a.b.c.d.e.f.g.h", "http://a\u0000",
        "http://a/\u0000", "http://a/\r\n", "http://a\u0130", "http://\u0131", "http://a\u212a", "http://a:80\u00b2",
        "ftp://a", "://a", "http://http://a", "http://a://b", "https://a:443?q=http://B", "http://a/#\u00ff",
    })
    void agreesOnHandPickedHostileUrls(String url) {
        agree(url);
    }

    @Test
    void agreesOnHostsOfEveryLengthUpToLong() {
        List<String> urls = new ArrayList<>();
        for (int n : new int[] {1, 63, 64, 253, 254, 255, 256, 4096, 100_000}) {
            urls.add("http://" + "a".repeat(n));
            urls.add("http://" + "a".repeat(n) + ":80/x");
            urls.add("http://" + "1.".repeat(n) + "1");
            urls.add("http://" + "9".repeat(n));
            urls.add("https://" + "a".repeat(n - 1) + "A");
            urls.add("http://" + "a".repeat(n) + ":" + "0".repeat(Math.min(n, 10)) + "8");
        }
        for (String url : urls) {
            agree(url);
        }
        assertThat(UrlNormalizer.isPlainlyNormal("http://" + "a".repeat(100_000))).isTrue();
        assertThat(UrlNormalizer.normalize("https://" + "a".repeat(255) + "A")).contains("https://" + "a".repeat(256));
    }

    @Test
    void leadingZeroPortsAreKeptByteForByteByBothPaths() {
        // Neither path canonicalizes a port (00080 stays 00080): the fast path answers the same instance.
        String url = "http://a:00080/x";
        assertThat(UrlNormalizer.isPlainlyNormal(url)).isTrue();
        assertThat(UrlNormalizer.normalize(url).orElseThrow()).isSameAs(url);
        assertThat(UrlNormalizer.normalizeAnyUrl("http://A:00080/x")).contains(url);
        assertThat(UrlNormalizer.normalize("http://a:000080/x")).isEmpty(); // six digits: both refuse
    }

    @Test
    void userInfoLooksLikeAPortButGoesToTheFullNormalization() {
        // "a:80@b": the fast path stops at '@' (not a host character) and the full path takes "b" as the host.
        assertThat(UrlNormalizer.isPlainlyNormal("http://a:80@b")).isFalse();
        assertThat(UrlNormalizer.normalize("http://a:80@B")).contains("http://a:80@b");
        assertThat(UrlNormalizer.normalize("http://A:80@b")).contains("http://A:80@b"); // user info keeps its case
    }
}
