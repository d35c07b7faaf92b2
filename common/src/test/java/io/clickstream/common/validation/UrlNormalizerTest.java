package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://shop.example.com/p/101 | https://shop.example.com/p/101",
            "HTTPS://Shop.Example.COM/P/AbC?Utm_Source=X#Frag | https://shop.example.com/P/AbC?Utm_Source=X#Frag",
            "Http://EXAMPLE.com | http://example.com",
            "https://Example.com:8443/A | https://example.com:8443/A",
            "https://Example.com?Q=A | https://example.com?Q=A",
            "https://Example.com#Top | https://example.com#Top",
            "https://Example.com/%2Fa%2fB?x=%41 | https://example.com/%2Fa%2fB?x=%41",
            "https://User:PassWord@Example.COM/X | https://User:PassWord@example.com/X",
            "http://[2001:DB8::1]:8080/Path | http://[2001:db8::1]:8080/Path",
            "http://[::1]/ | http://[::1]/",
            "http://192.168.1.1:80/Index.HTML | http://192.168.1.1:80/Index.HTML",
            "https://sub_domain.Example.com/ | https://sub_domain.example.com/",
            "https://example.com/search?q=http://Other.COM/X | https://example.com/search?q=http://Other.COM/X",
            "https://example.com/caf\u00e9/\u0130stanbul | https://example.com/caf\u00e9/\u0130stanbul",
    })
    void lowercasesSchemeAndHostButNeverThePathQueryOrFragment(String url, String expected) {
        assertThat(UrlNormalizer.normalize(url)).contains(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "", "/p/101", "p/101", "shop.example.com", "//shop.example.com/p", "://shop.example.com",
            "ftp://shop.example.com/", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,<b>x</b>",
            "https:/shop.example.com", "https:shop.example.com", "https://", "https:///p", "https://?q", "https://#f",
            "https://:80/", "https://user@/p", "https://shop.example.com:/", "https://shop.example.com:65536/",
            "https://shop.example.com:123456/", "https://shop.example.com:8o/", "https://shop.example.com:-1/",
            "https://shop.example.com:\u0661\u0662/", "https://.example.com/", "https://-example.com/",
            "https://exa mple.com/", "https://ex%41mple.com/", "https://ex\u00e4mple.com/",
            "https://[::1/", "https://[::1]x/", "https://[::1]:/", "https://[example.com]/", "https://[fe80::1%25eth0]/",
            "https://::1/", "https://example.com/a b", "https://example.com/a\tb", "https://example.com/?q=a\nb",
            "https://example.com/\u007f", "https://example.com/\u0000", " https://example.com/", "https://example.com/ ",
            "https://us er@example.com/", "https://user\u0000@example.com/", "https://user\t@example.com/",
            "https://[.:]/", "https://[.::1]/",
    })
    void rejectsAnythingButAnAbsoluteHttpUrlWithAHost(String url) {
        assertThat(UrlNormalizer.normalize(url)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"http://a", "https://shop.example.com/p/AbC?utm_source=X#top", "http://192.168.1.1:80/Index.HTML",
            "https://sub_domain.example.com:65535", "https://example.com/caf\u00e9"})
    void aUrlAlreadyNormalTakesTheOnePassCheck(String url) {
        assertThat(UrlNormalizer.isPlainlyNormal(url)).isTrue();
        assertThat(UrlNormalizer.normalize(url)).containsSame(url);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"HTTP://a", "http://A", "http://user@a", "http://[::1]/", "http://\u00e9", "http://a:65536",
            "http://a:1:2", "http://.a", "http://a/ b"})
    void anythingElseIsLeftToTheFullNormalization(String url) {
        assertThat(UrlNormalizer.isPlainlyNormal(url)).isFalse();
    }
}
