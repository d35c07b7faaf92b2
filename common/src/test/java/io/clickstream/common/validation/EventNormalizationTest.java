package io.clickstream.common.validation;

import static io.clickstream.common.testing.Decoding.validEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.event.EventType;
import io.clickstream.common.testing.RecordJson;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventNormalizationTest {

    static Stream<Arguments> stringFields() {
        return Stream.of(
                Arguments.of(EventFields.EVENT_ID, "e-1", (Function<ClickEvent, Object>) ClickEvent::eventId),
                Arguments.of(EventFields.USER_ID, "u-1", (Function<ClickEvent, Object>) ClickEvent::userId),
                Arguments.of(EventFields.SESSION_ID, "s-1", (Function<ClickEvent, Object>) ClickEvent::sessionId),
                Arguments.of(EventFields.EVENT_TYPE, "search", (Function<ClickEvent, Object>) e -> e.eventType().wireName()),
                Arguments.of(EventFields.TIMESTAMP, "2026-01-19T10:15:30Z", (Function<ClickEvent, Object>) e -> e.timestamp().toString()),
                Arguments.of(EventFields.PAGE_URL, "https://shop.example.com/p/1", (Function<ClickEvent, Object>) ClickEvent::pageUrl),
                Arguments.of(EventFields.IP_ADDRESS, "10.0.0.1", (Function<ClickEvent, Object>) ClickEvent::ipAddress),
                Arguments.of(EventFields.REFERRER, "https://example.com/", (Function<ClickEvent, Object>) ClickEvent::referrer),
                Arguments.of(EventFields.USER_AGENT, "curl/8.5.0", (Function<ClickEvent, Object>) ClickEvent::userAgent),
                Arguments.of(EventFields.DEVICE, "tablet", (Function<ClickEvent, Object>) ClickEvent::device));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stringFields")
    void trimsAsciiAndUnicodeWhitespaceAroundEveryStringField(String field, String value, Function<ClickEvent, Object> read) {
        for (String padding : new String[] {" ", "\t", "\r\n", "\u2003", "\u3000 \t"}) {
            ClickEvent event = validEvent(RecordJson.valid().with(field, padding + value + padding));

            assertThat(read.apply(event)).as("%s padded with %s", field, padding.codePoints().boxed().toList())
                    .isEqualTo(value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD_TO_CART", "Add_To_Cart", "add_to_CART", "  ADD_TO_CART\t"})
    void lowercasesTheEventType(String type) {
        assertThat(validEvent(RecordJson.valid().with("event_type", type)).eventType()).isEqualTo(EventType.ADD_TO_CART);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MOBILE", "Mobile", "mObIlE"})
    void lowercasesTheDevice(String device) {
        assertThat(validEvent(RecordJson.valid().with("device", device)).device()).isEqualTo("mobile");
    }

    @Test
    void lowercasesIndependentlyOfTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // where "I".toLowerCase() is a dotless i
            ClickEvent event = validEvent(RecordJson.valid()
                    .with("event_type", "CLICK").with("device", "IPHONE").with("page_url", "HTTPS://SHOP.EXAMPLE.IO/IN"));

            assertThat(event.eventType()).isEqualTo(EventType.CLICK);
            assertThat(event.device()).isEqualTo("iphone");
            assertThat(event.pageUrl()).isEqualTo("https://shop.example.io/IN");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void lowercasesSchemeAndHostButNeverThePathQueryOrFragment() {
        ClickEvent event = validEvent(RecordJson.valid()
                .with("page_url", "HTTPS://Shop.Example.COM:8443/P/AbC?Utm_Source=NewsLetter&Q=Shoes#Top"));

        assertThat(event.pageUrl()).isEqualTo("https://shop.example.com:8443/P/AbC?Utm_Source=NewsLetter&Q=Shoes#Top");
    }

    @Test
    void normalizesTheReferrerLikeThePageUrl() {
        String referrer = "  Http://WWW.Google.COM/Search?Q=Running+Shoes&OQ=Running ";

        ClickEvent event = validEvent(RecordJson.valid().with("referrer", referrer));

        assertThat(event.referrer()).isEqualTo("http://www.google.com/Search?Q=Running+Shoes&OQ=Running");
        assertThat(event.referrer()).isEqualTo(UrlNormalizer.normalize(referrer.strip()).orElseThrow());
    }

    @Test
    void lowercasesAnIpv6AddressAndLeavesAnIpv4AddressAsSent() {
        assertThat(validEvent(RecordJson.valid().with("ip_address", "2001:DB8::ABCD")).ipAddress()).isEqualTo("2001:db8::abcd");
        assertThat(validEvent(RecordJson.valid().with("ip_address", "192.168.1.1")).ipAddress())
                .isEqualTo("192.168.1.1");
    }

    @Test
    void neverChangesTheCaseOfIdentifiersOrTheUserAgent() {
        ClickEvent event = validEvent(RecordJson.valid()
                .with("event_id", "E-ABC").with("user_id", "User-XYZ").with("session_id", "Sess-Q")
                .with("user_agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"));

        assertThat(event.eventId()).isEqualTo("E-ABC");
        assertThat(event.userId()).isEqualTo("User-XYZ");
        assertThat(event.sessionId()).isEqualTo("Sess-Q");
        assertThat(event.userAgent()).isEqualTo("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)");
    }

    @Test
    void convertsATimestampWithAnOffsetToUtc() {
        assertThat(validEvent(RecordJson.valid().with("timestamp", "2026-01-19T12:15:30+02:00")).timestamp())
                .isEqualTo(Instant.parse("2026-01-19T10:15:30Z"));
    }

    @Test
    void blankOptionalStringsBecomeAbsent() {
        ClickEvent event = validEvent(RecordJson.valid().with("device", " ").with("user_agent", "\t").with("event_id", ""));

        assertThat(event.device()).isNull();
        assertThat(event.userAgent()).isNull();
        assertThat(event.eventId()).isNull();
    }

    @Test
    void normalizingANormalizedEventChangesNothing() {
        ClickEvent once = validEvent(RecordJson.valid()
                .with("page_url", " HTTPS://Shop.Example.COM/P ").with("device", " Mobile ").with("event_type", "CLICK"));

        ClickEvent twice = validEvent(RecordJson.valid()
                .with("page_url", once.pageUrl()).with("device", once.device()).with("event_type", once.eventType().wireName()));

        assertThat(twice).isEqualTo(once);
    }
}
