package io.clickstream.common.json;

import static io.clickstream.common.testing.Decoding.decode;
import static io.clickstream.common.testing.Decoding.validEvent;
import static io.clickstream.common.testing.Decoding.violations;
import static io.clickstream.common.testing.Decoding.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.event.EventType;
import io.clickstream.common.testing.RecordJson;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {
    private static final List<String> STRING_FIELDS = List.of(EventFields.EVENT_ID, EventFields.USER_ID,
            EventFields.SESSION_ID, EventFields.EVENT_TYPE, EventFields.PAGE_URL, EventFields.IP_ADDRESS,
            EventFields.REFERRER, EventFields.USER_AGENT, EventFields.DEVICE);
    private static final List<String> OPTIONAL_FIELDS = List.of(EventFields.EVENT_ID, EventFields.PRODUCT_ID,
            EventFields.IP_ADDRESS, EventFields.REFERRER, EventFields.USER_AGENT, EventFields.DEVICE);

    @Test
    void decodesAValidRecordIntoAnEventWithEveryField() {
        ClickEvent event = validEvent(RecordJson.valid());

        assertThat(event).isEqualTo(new ClickEvent(RecordJson.EVENT_ID, RecordJson.USER_ID, RecordJson.SESSION_ID,
                EventType.VIEW_PRODUCT, Instant.parse("2026-01-19T10:15:30Z"), RecordJson.PAGE_URL, 101L,
                "192.168.1.1", RecordJson.REFERRER, RecordJson.USER_AGENT, "mobile"));
    }

    @Test
    void decodesTheArchitectureDocumentsExampleRecord() {
        String json = """
                {"event_id":"uuid","user_id":"uuid","session_id":"uuid","event_type":"view_product",
                 "timestamp":"2026-01-19T10:15:30Z","page_url":"https://shop.example.com/p/101",
                 "product_id":101,"ip_address":"192.168.1.1", "referrer":"https://example.com/", "user_agent":"...", "device":"mobile"}
                """;

        ClickEvent event = io.clickstream.common.testing.Decoding.valid(decode(json));

        assertThat(event.eventType()).isEqualTo(EventType.VIEW_PRODUCT);
        assertThat(event.productId()).isEqualTo(101L);
    }

    @Test
    void decodesARecordWithOnlyTheRequiredFieldsLeavingTheOptionalOnesNull() {
        ClickEvent event = validEvent(RecordJson.minimal());

        assertThat(event.eventId()).isNull();
        assertThat(event.productId()).isNull();
        assertThat(event.ipAddress()).isNull();
        assertThat(event.referrer()).isNull();
        assertThat(event.userAgent()).isNull();
        assertThat(event.device()).isNull();
    }

    static Stream<String> requiredFields() {
        return EventFields.REQUIRED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredFields")
    void namesARequiredFieldThatIsAbsent(String field) {
        assertThat(violationsOf(RecordJson.valid().without(field)))
                .extracting(Violation::field, Violation::reason, Violation::detail)
                .containsExactly(tuple(field, Reason.MISSING_FIELD, "required field is absent or null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredFields")
    void namesARequiredFieldThatIsNull(String field) {
        assertThat(violationsOf(RecordJson.valid().withRaw(field, "null")))
                .extracting(Violation::field, Violation::reason)
                .containsExactly(tuple(field, Reason.MISSING_FIELD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredFields")
    void namesARequiredFieldThatIsEmptyOrBlank(String field) {
        for (String blank : List.of("", "   ", "\t\r\n", "\u2003\u3000")) {
            assertThat(violationsOf(RecordJson.valid().with(field, blank)))
                    .as("%s = '%s'", field, blank)
                    .extracting(Violation::field, Violation::reason, Violation::detail)
                    .containsExactly(tuple(field, Reason.MISSING_FIELD, "required field is blank"));
        }
    }

    @Test
    void reportsEveryMissingRequiredFieldNotJustTheFirst() {
        assertThat(violationsOf(RecordJson.valid().without("user_id").without("session_id").without("event_type")
                .without("timestamp").without("page_url")))
                .extracting(Violation::field, Violation::reason)
                .containsExactlyInAnyOrder(
                        tuple("user_id", Reason.MISSING_FIELD),
                        tuple("session_id", Reason.MISSING_FIELD),
                        tuple("event_type", Reason.MISSING_FIELD),
                        tuple("timestamp", Reason.MISSING_FIELD),
                        tuple("page_url", Reason.MISSING_FIELD));
    }

    @Test
    void anEmptyObjectIsMissingEveryRequiredField() {
        assertThat(violations(decode("{}")))
                .extracting(Violation::field)
                .containsExactlyInAnyOrderElementsOf(EventFields.REQUIRED);
    }

    static Stream<String> optionalFields() {
        return OPTIONAL_FIELDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionalFields")
    void acceptsAnOptionalFieldThatIsAbsentNullOrBlank(String field) {
        assertThat(validEvent(RecordJson.valid().without(field))).isNotNull();
        assertThat(validEvent(RecordJson.valid().withRaw(field, "null"))).isNotNull();
        if (!field.equals(EventFields.PRODUCT_ID)) {
            assertThat(validEvent(RecordJson.valid().with(field, "  "))).isNotNull();
        }
    }

    static Stream<Arguments> wrongTypes() {
        var cases = Stream.<Arguments>builder();
        for (String field : STRING_FIELDS) {
            for (String raw : List.of("42", "1.5", "true", "{}", "[\"x\"]")) {
                cases.add(Arguments.of(field, raw));
            }
        }
        for (String raw : List.of("1.5", "true", "false", "{}", "[1768817730000]", "1.76881773E12")) {
            cases.add(Arguments.of(EventFields.TIMESTAMP, raw));
        }
        for (String raw : List.of("\"101\"", "101.0", "1.5", "1e3", "true", "{}", "[101]", "99999999999999999999")) {
            cases.add(Arguments.of(EventFields.PRODUCT_ID, raw));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongTypes")
    void namesAFieldWithTheWrongJsonTypeOnceAndNotAlsoAsMissing(String field, String rawJson) {
        assertThat(violationsOf(RecordJson.valid().withRaw(field, rawJson)))
                .extracting(Violation::field, Violation::reason)
                .containsExactly(tuple(field, Reason.WRONG_TYPE));
    }

    @Test
    void reportsEveryViolationOfARecordAtOnceEachNamedWithFieldAndReason() {
        var record = RecordJson.valid()
                .without("user_id")
                .withRaw("session_id", "12345")
                .with("event_type", "teleport")
                .with("timestamp", "next tuesday")
                .with("page_url", "not a url")
                .withRaw("product_id", "-7")
                .with("ip_address", "999.1.1.1")
                .with("referrer", "ftp://example.com/")
                .with("user_agent", "x".repeat(2000))
                .with("device", "mob\u0000ile");

        List<Violation> violations = violationsOf(record);

        assertThat(violations)
                .extracting(Violation::field, Violation::reason)
                .containsExactlyInAnyOrder(
                        tuple("user_id", Reason.MISSING_FIELD),
                        tuple("session_id", Reason.WRONG_TYPE),
                        tuple("event_type", Reason.UNKNOWN_EVENT_TYPE),
                        tuple("timestamp", Reason.INVALID_TIMESTAMP),
                        tuple("page_url", Reason.INVALID_URL),
                        tuple("product_id", Reason.INVALID_PRODUCT_ID),
                        tuple("ip_address", Reason.INVALID_IP),
                        tuple("referrer", Reason.INVALID_URL),
                        tuple("user_agent", Reason.TOO_LONG),
                        tuple("device", Reason.CONTROL_CHARACTER));
        assertThat(violations).allSatisfy(v -> assertThat(v.detail()).isNotBlank());
        String described = ((DecodeResult.Invalid) decode(record)).describe();
        for (Violation v : violations) {
            assertThat(described).contains(v.field() + ": " + v.reason().code());
        }
    }

    @Test
    void reportsTypeViolationsFirstSoTheDeadLetterHeaderNamesTheMostBasicProblem() {
        var invalid = (DecodeResult.Invalid) decode(RecordJson.valid()
                .with("event_type", "teleport").withRaw("device", "7"));

        assertThat(invalid.primary().field()).isEqualTo("device");
        assertThat(invalid.primary().reason()).isEqualTo(Reason.WRONG_TYPE);
    }

    @Test
    void ignoresUnknownFieldsWhateverTheirType() {
        ClickEvent plain = validEvent(RecordJson.valid());

        ClickEvent withExtras = validEvent(RecordJson.valid()
                .withRaw("schema_version", "3")
                .withRaw("experiment", "{\"id\":\"ab-7\",\"arms\":[1,2,3]}")
                .withRaw("consent", "null")
                .with("Event_Type", "not a type"));

        assertThat(withExtras).isEqualTo(plain);
    }

    @Test
    void rejectsARecordLargerThanTheCapWithoutParsingIt() {
        var decoder = new EventDecoder(100);
        byte[] notEvenJson = "x".repeat(101).getBytes(StandardCharsets.UTF_8);

        var invalid = (DecodeResult.Invalid) decoder.decode(notEvenJson);

        assertThat(invalid.violations())
                .extracting(Violation::field, Violation::reason, Violation::detail)
                .containsExactly(tuple("$", Reason.RECORD_TOO_LARGE, "101 bytes, at most 100 parsed"));
    }

    @Test
    void acceptsARecordOfExactlyTheCap() {
        byte[] base = RecordJson.valid().with("user_agent", "").bytes();
        int cap = base.length + 600;
        byte[] record = RecordJson.valid().with("user_agent", "u".repeat(600)).bytes();
        assertThat(record).hasSize(cap);

        assertThat(new EventDecoder(cap).decode(record)).isInstanceOf(DecodeResult.Valid.class);
        assertThat(new EventDecoder(cap - 1).decode(record)).isInstanceOfSatisfying(DecodeResult.Invalid.class,
                invalid -> assertThat(invalid.primary().reason()).isEqualTo(Reason.RECORD_TOO_LARGE));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesACapThatIsNotPositive(int cap) {
        assertThatThrownBy(() -> new EventDecoder(cap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(cap));
    }

    @Test
    void turnsUnreadableBytesIntoASingleWholeRecordViolation() {
        assertThat(violations(decode((byte[]) null)))
                .extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("$", Reason.EMPTY_RECORD));
        assertThat(violations(decode(new byte[0])))
                .extracting(Violation::reason).containsExactly(Reason.EMPTY_RECORD);
        assertThat(violations(decode("  \n ")))
                .extracting(Violation::reason).containsExactly(Reason.EMPTY_RECORD);
        assertThat(violations(decode("[]")))
                .extracting(Violation::reason).containsExactly(Reason.NOT_AN_OBJECT);
        assertThat(violations(decode("{\"user_id\":")))
                .extracting(Violation::reason).containsExactly(Reason.MALFORMED_JSON);
        assertThat(violations(decode(RecordJson.valid().json() + "garbage")))
                .extracting(Violation::reason).containsExactly(Reason.MALFORMED_JSON);
    }
}
