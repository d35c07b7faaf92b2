package io.clickstream.common.validation;

import static io.clickstream.common.testing.Decoding.validEvent;
import static io.clickstream.common.testing.Decoding.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.event.EventType;
import io.clickstream.common.testing.RecordJson;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {

    // --- lengths ---

    /** A valid value of exactly {@code length} characters for the field. */
    private static String ofLength(String field, int length) {
        return switch (field) {
            case EventFields.PAGE_URL, EventFields.REFERRER -> {
                String prefix = "https://shop.example.com/";
                yield prefix + "p".repeat(length - prefix.length());
            }
            default -> "a".repeat(length);
        };
    }

    static Stream<Arguments> lengthLimits() {
        return Stream.of(
                Arguments.of(EventFields.EVENT_ID, EventValidator.MAX_ID_LENGTH),
                Arguments.of(EventFields.USER_ID, EventValidator.MAX_ID_LENGTH),
                Arguments.of(EventFields.SESSION_ID, EventValidator.MAX_ID_LENGTH),
                Arguments.of(EventFields.PAGE_URL, EventValidator.MAX_URL_LENGTH),
                Arguments.of(EventFields.REFERRER, EventValidator.MAX_URL_LENGTH),
                Arguments.of(EventFields.USER_AGENT, EventValidator.MAX_USER_AGENT_LENGTH),
                Arguments.of(EventFields.DEVICE, EventValidator.MAX_DEVICE_LENGTH));
    }

    @ParameterizedTest(name = "{0} up to {1}")
    @MethodSource("lengthLimits")
    void acceptsAStringAtItsLengthLimitAndNamesOneCharacterMoreAsTooLong(String field, int max) {
        assertThat(validEvent(RecordJson.valid().with(field, ofLength(field, max)))).isNotNull();

        assertThat(violationsOf(RecordJson.valid().with(field, ofLength(field, max + 1))))
                .extracting(Violation::field, Violation::reason, Violation::detail)
                .containsExactly(tuple(field, Reason.TOO_LONG, (max + 1) + " characters, at most " + max + " allowed"));
    }

    @Test
    void measuresLengthAfterTrimming() {
        String padded = "   " + "a".repeat(EventValidator.MAX_ID_LENGTH) + "   ";

        assertThat(validEvent(RecordJson.valid().with("user_id", padded)).userId()).hasSize(EventValidator.MAX_ID_LENGTH);
    }

    @Test
    void rejectsAnOverlongEventTypeAsTooLongRatherThanEchoingItAsUnknown() {
        assertThat(violationsOf(RecordJson.valid().with("event_type", "x".repeat(10_000))))
                .extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("event_type", Reason.TOO_LONG));
    }

    @Test
    void rejectsAnOverlongIpAddressAsTooLong() {
        assertThat(violationsOf(RecordJson.valid().with("ip_address", "1".repeat(65))))
                .extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("ip_address", Reason.TOO_LONG));
    }

    // --- control characters ---

    static Stream<String> textFields() {
        return Stream.of(EventFields.EVENT_ID, EventFields.USER_ID, EventFields.SESSION_ID, EventFields.EVENT_TYPE,
                EventFields.PAGE_URL, EventFields.IP_ADDRESS, EventFields.REFERRER, EventFields.USER_AGENT,
                EventFields.DEVICE, EventFields.TIMESTAMP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void rejectsANulCharacterInsideAnyStringFieldNamingItsPosition(String field) {
        String value = switch (field) {
            case EventFields.PAGE_URL, EventFields.REFERRER -> "https://shop.example.com/p/\u0000";
            case EventFields.IP_ADDRESS -> "192.168.1.1\u0000";
            case EventFields.TIMESTAMP -> "2026-01-19T10:15:30Z\u0000";
            default -> "ab\u0000c";
        };

        List<Violation> violations = violationsOf(RecordJson.valid().with(field, value));

        assertThat(violations).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple(field, Reason.CONTROL_CHARACTER));
        assertThat(violations.get(0).detail()).startsWith("control character U+0000 at index ");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x01, 0x08, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9F})
    void rejectsEveryC0AndC1ControlCharacterInsideAValue(int control) {
        String value = "Mozilla" + (char) control + "5.0";

        assertThat(violationsOf(RecordJson.valid().with("user_agent", value)))
                .extracting(Violation::field, Violation::reason, Violation::detail)
                .containsExactly(tuple("user_agent", Reason.CONTROL_CHARACTER,
                        String.format(Locale.ROOT, "control character U+%04X at index 7", control)));
    }

    @Test
    void rejectsALineBreakInsideATimestampWithoutEchoingItIntoTheDetail() {
        List<Violation> violations = violationsOf(RecordJson.valid().with("timestamp", "2026-01-19\r\nT10:15:30Z"));

        assertThat(violations).extracting(Violation::field).containsExactly("timestamp");
        assertThat(violations.get(0).detail()).doesNotContain("\r", "\n");
    }

    @Test
    void acceptsWhitespaceControlCharactersAtTheEdgesBecauseTrimmingRemovesThem() {
        ClickEvent event = validEvent(RecordJson.valid().with("user_agent", "\t\n Mozilla/5.0 \r\n"));

        assertThat(event.userAgent()).isEqualTo("Mozilla/5.0");
    }

    // --- event type ---

    @ParameterizedTest
    @EnumSource(EventType.class)
    void acceptsEveryDocumentedEventType(EventType type) {
        assertThat(validEvent(RecordJson.valid().with("event_type", type.wireName())).eventType()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"teleport", "page-view", "pageview", "page view", "view product", "PAGE_VIEWS", "_click",
            "click;drop table", "\u0441lick"})
    void rejectsAnUndocumentedEventTypeListingTheKnownOnes(String type) {
        List<Violation> violations = violationsOf(RecordJson.valid().with("event_type", type));

        assertThat(violations).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("event_type", Reason.UNKNOWN_EVENT_TYPE));
        assertThat(violations.get(0).detail()).contains("page_view", "view_product", "search", "add_to_cart",
                "remove_from_cart", "begin_checkout", "purchase", "click");
    }

    // --- IP addresses ---

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.1", "0.0.0.0", "255.255.255.255", "10.0.0.1", "::1", "::",
            "2001:db8::1", "fe80::1:2:3:4", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::ffff:192.0.2.128"})
    void acceptsIpv4AndIpv6Addresses(String ip) {
        assertThat(validEvent(RecordJson.valid().with("ip_address", ip)).ipAddress()).isEqualTo(ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4.", "1..2.3", "a.b.c.d",
            "localhost", "example.com", "1.2.3.4:80", "[::1]", "2001:db8::1::1", "12345::1", "gggg::1",
            "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "::ffff:999.0.0.1", "-1.2.3.4", "\uff11.2.3.4"})
    void rejectsAnythingElseInTheIpField(String ip) {
        List<Violation> violations = violationsOf(RecordJson.valid().with("ip_address", ip));

        assertThat(violations).extracting(Violation::field, Violation::reason, Violation::detail)
                .containsExactly(tuple("ip_address", Reason.INVALID_IP, "'" + ip + "' is not an IPv4 or IPv6 address"));
    }

    // --- product id ---

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 101, Long.MAX_VALUE})
    void acceptsANonNegativeIntegerProductId(long id) {
        assertThat(validEvent(RecordJson.valid().withRaw("product_id", Long.toString(id))).productId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -101, Long.MIN_VALUE})
    void rejectsANegativeProductId(long id) {
        assertThat(violationsOf(RecordJson.valid().withRaw("product_id", Long.toString(id))))
                .extracting(Violation::field, Violation::reason, Violation::detail)
                .containsExactly(tuple("product_id", Reason.INVALID_PRODUCT_ID, id + " is negative"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"101.5", "101.0", "-0.5", "\"101\"", "\"abc\""})
    void rejectsAProductIdSentAsADecimalOrAString(String rawJson) {
        assertThat(violationsOf(RecordJson.valid().withRaw("product_id", rawJson)))
                .extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("product_id", Reason.WRONG_TYPE));
    }

    // --- URLs ---

    @ParameterizedTest
    @ValueSource(strings = {"/p/101", "shop.example.com/p/101", "//shop.example.com/p/101", "ftp://shop.example.com/",
            "javascript:alert(1)", "mailto:a@example.com", "https://", "https:///p/101", "https://shop example.com/",
            "https://shop.example.com/p 101", "https://shop.example.com:99999/", "https://exämple.com/"})
    void namesAPageUrlOrReferrerThatIsNotAnAbsoluteHttpUrl(String url) {
        for (String field : List.of(EventFields.PAGE_URL, EventFields.REFERRER)) {
            assertThat(violationsOf(RecordJson.valid().with(field, url)))
                    .as(field)
                    .extracting(Violation::field, Violation::reason)
                    .containsExactly(tuple(field, Reason.INVALID_URL));
        }
    }

    // --- timestamps (the parser has its own tests; these check the wiring) ---

    @Test
    void acceptsEpochMillisAsAJsonIntegerOrADigitString() {
        Instant expected = Instant.parse("2026-01-19T10:15:30Z");

        assertThat(validEvent(RecordJson.valid().withRaw("timestamp", "1768817730000")).timestamp()).isEqualTo(expected);
        assertThat(validEvent(RecordJson.valid().with("timestamp", "1768817730000")).timestamp()).isEqualTo(expected);
    }

    @Test
    void namesEpochSecondsAsAnInvalidTimestampWithAHint() {
        List<Violation> violations = violationsOf(RecordJson.valid().withRaw("timestamp", "1768817730"));

        assertThat(violations).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("timestamp", Reason.INVALID_TIMESTAMP));
        assertThat(violations.get(0).detail()).contains("epoch seconds instead of millis?");
    }

    @Test
    void namesAnUnparseableTimestampQuotingIt() {
        assertThat(violationsOf(RecordJson.valid().with("timestamp", "2026-01-19 10:15:30")))
                .extracting(Violation::field, Violation::reason, Violation::detail)
                .containsExactly(tuple("timestamp", Reason.INVALID_TIMESTAMP,
                        "'2026-01-19 10:15:30' is neither ISO-8601 (2026-01-19T10:15:30Z, with or without offset) nor epoch millis"));
    }

    // --- stored verbatim ---

    @Test
    void storesSqlAndHtmlLookingTextVerbatim() {
        String userAgent = "Robert'); DROP TABLE events;-- <script>alert(\"x\")</script> & %00 ${jndi:ldap://x}";
        String userId = "1' OR '1'='1";
        String pageUrl = "https://shop.example.com/search?q=%27%20OR%201=1--&html=<b>Bold</b>&x='\"";

        ClickEvent event = validEvent(RecordJson.valid()
                .with("user_agent", userAgent).with("user_id", userId).with("page_url", pageUrl));

        assertThat(event.userAgent()).isEqualTo(userAgent);
        assertThat(event.userId()).isEqualTo(userId);
        assertThat(event.pageUrl()).isEqualTo(pageUrl);
    }

    @Test
    void storesNonAsciiTextVerbatim() {
        String userAgent = "Caf\u00e9 \u65e5\u672c\u8a9e \ud83d\udecd\ufe0f \u0645\u0631\u062d\u0628\u0627";

        assertThat(validEvent(RecordJson.valid().with("user_agent", userAgent)).userAgent()).isEqualTo(userAgent);
    }

    // --- the validator on its own ---

    @Test
    void doesNotCallARequiredFieldMissingWhenTheReaderAlreadyReportedItsType() {
        var typeViolation = new Violation(EventFields.USER_ID, Reason.WRONG_TYPE, "expected a string, found an integer");
        var raw = new RawEvent(null, null, "s", "click", "2026-01-19T10:15:30Z", null, "https://example.com/",
                null, null, null, null, null, List.of(typeViolation));

        assertThat(EventValidator.validate(raw))
                .isEqualTo(new DecodeResult.Invalid(List.of(typeViolation)));
    }

    @Test
    void prefersTheMillisSlotWhenBothTimestampSlotsAreSet() {
        var raw = new RawEvent(null, "u", "s", "click", "not a time", 1_768_817_730_000L, "https://example.com/",
                null, null, null, null, null, List.of());

        assertThat(EventValidator.validate(raw)).isInstanceOfSatisfying(DecodeResult.Valid.class,
                valid -> assertThat(valid.event().timestamp()).isEqualTo(Instant.ofEpochMilli(1_768_817_730_000L)));
    }
}
