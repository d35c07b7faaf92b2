package io.clickstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.clickstream.common.testing.RecordJson;
import io.clickstream.common.validation.RawEvent;
import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.Violation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonReaderTest {

    @Test
    void readsEveryKnownFieldVerbatimLeavingTrimmingToTheValidator() throws Exception {
        RawEvent raw = EventJsonReader.read(RecordJson.valid()
                .with("user_id", "  U-1\t")
                .with("event_type", " View_Product ")
                .bytes());

        assertThat(raw.eventId()).isEqualTo(RecordJson.EVENT_ID);
        assertThat(raw.userId()).isEqualTo("  U-1\t");
        assertThat(raw.sessionId()).isEqualTo(RecordJson.SESSION_ID);
        assertThat(raw.eventType()).isEqualTo(" View_Product ");
        assertThat(raw.timestampText()).isEqualTo(RecordJson.TIMESTAMP);
        assertThat(raw.timestampMillis()).isNull();
        assertThat(raw.pageUrl()).isEqualTo(RecordJson.PAGE_URL);
        assertThat(raw.productId()).isEqualTo(101L);
        assertThat(raw.ipAddress()).isEqualTo("192.168.1.1");
        assertThat(raw.referrer()).isEqualTo(RecordJson.REFERRER);
        assertThat(raw.userAgent()).isEqualTo(RecordJson.USER_AGENT);
        assertThat(raw.device()).isEqualTo("mobile");
        assertThat(raw.typeViolations()).isEmpty();
    }

    @Test
    void putsAnIntegerTimestampInTheMillisSlotAndATextOneInTheTextSlot() throws Exception {
        RawEvent asInteger = EventJsonReader.read(RecordJson.valid().withRaw("timestamp", "1768817730000").bytes());
        RawEvent asText = EventJsonReader.read(RecordJson.valid().with("timestamp", "1768817730000").bytes());

        assertThat(asInteger.timestampMillis()).isEqualTo(1_768_817_730_000L);
        assertThat(asInteger.timestampText()).isNull();
        assertThat(asText.timestampText()).isEqualTo("1768817730000");
        assertThat(asText.timestampMillis()).isNull();
    }

    @Test
    void readsJsonNullAsAbsentWithoutATypeViolation() throws Exception {
        RawEvent raw = EventJsonReader.read(RecordJson.valid()
                .withRaw("user_id", "null").withRaw("product_id", "null").withRaw("timestamp", "null").bytes());

        assertThat(raw.userId()).isNull();
        assertThat(raw.productId()).isNull();
        assertThat(raw.timestampText()).isNull();
        assertThat(raw.timestampMillis()).isNull();
        assertThat(raw.typeViolations()).isEmpty();
    }

    @Test
    void recordsEachWrongJsonTypeAgainstItsFieldAndLeavesTheFieldEmpty() throws Exception {
        RawEvent raw = EventJsonReader.read(RecordJson.valid()
                .withRaw("user_id", "42")
                .withRaw("device", "{\"kind\":\"mobile\"}")
                .withRaw("product_id", "\"101\"")
                .withRaw("timestamp", "true")
                .bytes());

        assertThat(raw.userId()).isNull();
        assertThat(raw.device()).isNull();
        assertThat(raw.productId()).isNull();
        assertThat(raw.timestampText()).isNull();
        assertThat(raw.typeViolations())
                .extracting(Violation::field, Violation::reason, Violation::detail)
                .containsExactly(
                        tuple("user_id", Reason.WRONG_TYPE, "expected a string, found an integer"),
                        tuple("timestamp", Reason.WRONG_TYPE, "expected a string, found a boolean"),
                        tuple("product_id", Reason.WRONG_TYPE, "expected an integer, found a string"),
                        tuple("device", Reason.WRONG_TYPE, "expected a string, found an object"));
    }

    @Test
    void recordsAnIntegerBeyondSixtyFourBitsAsAWrongTypeInsteadOfWrappingIt() throws Exception {
        RawEvent raw = EventJsonReader.read(RecordJson.valid()
                .withRaw("product_id", "9223372036854775808")
                .withRaw("timestamp", "-99999999999999999999")
                .bytes());

        assertThat(raw.productId()).isNull();
        assertThat(raw.timestampMillis()).isNull();
        assertThat(raw.typeViolations())
                .extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("timestamp", Reason.WRONG_TYPE), tuple("product_id", Reason.WRONG_TYPE));
        assertThat(raw.typeViolations().get(1).detail()).contains("9223372036854775808", "64 bits");
    }

    @Test
    void skipsUnknownFieldsOfAnyShapeAndKeepsReadingTheRest() throws Exception {
        RawEvent raw = EventJsonReader.read(RecordJson.minimal()
                .withRaw("extra", "{\"nested\":[1,{\"user_id\":\"not me\"},[null,true,1.5e3]]}")
                .withRaw("User_Id", "\"case matters\"")
                .withRaw("tags", "[\"a\",\"b\"]")
                .with("device", "tablet")
                .bytes());

        assertThat(raw.userId()).isEqualTo(RecordJson.USER_ID);
        assertThat(raw.device()).isEqualTo("tablet");
        assertThat(raw.typeViolations()).isEmpty();
    }

    @Test
    void rejectsADuplicateKeyAsMalformedRatherThanPickingOneValue() {
        String json = RecordJson.valid().json().replaceFirst("\\{", "{\"user_id\":\"someone-else\",");

        Violation violation = unreadable(json.getBytes(StandardCharsets.UTF_8));

        assertThat(violation.reason()).isEqualTo(Reason.MALFORMED_JSON);
        assertThat(violation.detail()).contains("user_id");
    }

    @Test
    void rejectsADuplicateKeyEvenInsideAnUnknownField() {
        Violation violation = unreadable(RecordJson.valid().withRaw("extra", "{\"a\":1,\"a\":2}").bytes());

        assertThat(violation.reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void rejectsADuplicateKeyInsideAnArrayOrAWronglyTypedField() {
        assertThat(unreadable(RecordJson.valid().withRaw("extra", "[1,{\"a\":1,\"a\":2}]").bytes()).reason())
                .isEqualTo(Reason.MALFORMED_JSON);
        assertThat(unreadable(RecordJson.valid().withRaw("device", "{\"b\":[],\"b\":{}}").bytes()).reason())
                .isEqualTo(Reason.MALFORMED_JSON);
        assertThat(unreadable(utf8("[{\"a\":1,\"a\":2}]")).detail()).contains("duplicate field 'a'");
    }

    @Test
    void theSameKeyInDifferentObjectsIsNoDuplicate() throws Exception {
        RawEvent raw = EventJsonReader.read(RecordJson.valid().withRaw("extra", "{\"a\":{\"a\":1},\"b\":[{\"a\":2},{\"a\":3}]}")
                .withRaw("more", "{\"a\":4}").bytes());

        assertThat(raw.userId()).isEqualTo(RecordJson.USER_ID);
        assertThat(raw.typeViolations()).isEmpty();
    }

    static Stream<Arguments> unreadableRecords() {
        String valid = RecordJson.valid().json();
        return Stream.of(
                Arguments.of("null value", null, Reason.EMPTY_RECORD),
                Arguments.of("empty bytes", new byte[0], Reason.EMPTY_RECORD),
                Arguments.of("whitespace only", utf8(" \r\n\t "), Reason.EMPTY_RECORD),
                Arguments.of("JSON array", utf8("[" + valid + "]"), Reason.NOT_AN_OBJECT),
                Arguments.of("JSON string", utf8("\"" + RecordJson.USER_ID + "\""), Reason.NOT_AN_OBJECT),
                Arguments.of("JSON number", utf8("42"), Reason.NOT_AN_OBJECT),
                Arguments.of("JSON true", utf8("true"), Reason.NOT_AN_OBJECT),
                Arguments.of("JSON null", utf8("null"), Reason.NOT_AN_OBJECT),
                Arguments.of("truncated inside a string", utf8(valid.substring(0, 30)), Reason.MALFORMED_JSON),
                Arguments.of("truncated after a comma", utf8("{\"user_id\":\"u\","), Reason.MALFORMED_JSON),
                Arguments.of("missing closing brace", utf8(valid.substring(0, valid.length() - 1)), Reason.MALFORMED_JSON),
                Arguments.of("opening brace only", utf8("{"), Reason.MALFORMED_JSON),
                Arguments.of("truncated array", utf8("[1,2"), Reason.MALFORMED_JSON),
                Arguments.of("trailing garbage", utf8(valid + " trailing"), Reason.MALFORMED_JSON),
                Arguments.of("two objects", utf8(valid + valid), Reason.MALFORMED_JSON),
                Arguments.of("closing bracket after object", utf8(valid + "]"), Reason.MALFORMED_JSON),
                Arguments.of("trailing NUL byte", bytes(utf8(valid), 0x00), Reason.MALFORMED_JSON),
                Arguments.of("trailing comma", utf8(valid.substring(0, valid.length() - 1) + ",}"), Reason.MALFORMED_JSON),
                Arguments.of("single quotes", utf8("{'user_id':'u'}"), Reason.MALFORMED_JSON),
                Arguments.of("comment", utf8("{/* hi */\"user_id\":\"u\"}"), Reason.MALFORMED_JSON),
                Arguments.of("unquoted key", utf8("{user_id:\"u\"}"), Reason.MALFORMED_JSON),
                Arguments.of("NaN", utf8("{\"product_id\":NaN}"), Reason.MALFORMED_JSON),
                Arguments.of("leading zero", utf8("{\"product_id\":0101}"), Reason.MALFORMED_JSON),
                Arguments.of("raw newline in a string", utf8("{\"user_id\":\"a\nb\"}"), Reason.MALFORMED_JSON),
                Arguments.of("bad escape", utf8("{\"user_id\":\"\\x41\"}"), Reason.MALFORMED_JSON),
                Arguments.of("number of 100 digits", utf8("{\"product_id\":" + "9".repeat(100) + "}"), Reason.MALFORMED_JSON));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("unreadableRecords")
    void namesAReasonForBytesThatAreNotOneJsonObject(String description, byte[] value, Reason expected) {
        Violation violation = unreadable(value);

        assertThat(violation.field()).isEqualTo(Violation.WHOLE_RECORD);
        assertThat(violation.reason()).isEqualTo(expected);
        assertThat(violation.detail()).isNotBlank();
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("Latin-1 e-acute", new int[] {0xE9}),
                Arguments.of("lone continuation byte", new int[] {0x80}),
                Arguments.of("byte 0xFF", new int[] {0xFF}),
                Arguments.of("byte 0xFE", new int[] {0xFE}),
                Arguments.of("two-byte sequence cut short", new int[] {0xC3}),
                Arguments.of("three-byte sequence cut short", new int[] {0xE2, 0x82}),
                Arguments.of("five-byte sequence", new int[] {0xF8, 0x88, 0x80, 0x80, 0x80}),
                Arguments.of("Windows-1252 quotes", new int[] {0x93, 0x94}),
                Arguments.of("overlong slash, two bytes", new int[] {0xC0, 0xAF}),
                Arguments.of("overlong letter A, two bytes", new int[] {0xC1, 0x81}),
                Arguments.of("overlong NUL", new int[] {0xC0, 0x80}),
                Arguments.of("overlong slash, three bytes", new int[] {0xE0, 0x80, 0xAF}),
                Arguments.of("overlong slash, four bytes", new int[] {0xF0, 0x80, 0x80, 0xAF}),
                Arguments.of("UTF-16 surrogate encoded as UTF-8", new int[] {0xED, 0xA0, 0x80}),
                Arguments.of("code point above U+10FFFF", new int[] {0xF4, 0x90, 0x80, 0x80}),
                Arguments.of("start byte 0xF5", new int[] {0xF5, 0x80, 0x80, 0x80}));
    }

    @ParameterizedTest(name = "{0} in a known field")
    @MethodSource("invalidUtf8")
    void rejectsBytesThatAreNotUtf8InAKnownField(String description, int[] bad) {
        byte[] value = bytes(utf8("{\"user_agent\":\"caf"), bad, utf8("\",\"user_id\":\"u\"}"));

        assertThat(unreadable(value).reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @ParameterizedTest(name = "{0} in an unknown field")
    @MethodSource("invalidUtf8")
    void rejectsBytesThatAreNotUtf8EvenInAnUnknownField(String description, int[] bad) {
        byte[] value = bytes(utf8("{\"extra\":\"caf"), bad, utf8("\",\"user_id\":\"u\"}"));

        assertThat(unreadable(value).reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    static Stream<Arguments> otherEncodings() {
        String json = RecordJson.valid().json();
        return Stream.of(
                Arguments.of("UTF-16BE with BOM", bytes(new byte[] {(byte) 0xFE, (byte) 0xFF}, json.getBytes(StandardCharsets.UTF_16BE))),
                Arguments.of("UTF-16LE with BOM", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, json.getBytes(StandardCharsets.UTF_16LE))),
                Arguments.of("UTF-16BE", json.getBytes(StandardCharsets.UTF_16BE)),
                Arguments.of("UTF-16LE", json.getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("UTF-32BE", json.getBytes(java.nio.charset.Charset.forName("UTF-32BE"))),
                Arguments.of("UTF-32LE", json.getBytes(java.nio.charset.Charset.forName("UTF-32LE"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherEncodings")
    void rejectsJsonInAnyEncodingButUtf8(String description, byte[] value) {
        assertThat(unreadable(value).reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void namesTheOffsetOfTheFirstByteThatIsNotUtf8() {
        byte[] value = bytes(utf8("{\"user_agent\":\"caf"), new int[] {0xC0, 0xAF}, utf8("\"}"));

        assertThat(unreadable(value).detail()).contains("at byte 18");
    }

    @Test
    void rejectsBytesThatAreNotUtf8InAFieldName() {
        byte[] value = bytes(utf8("{\"us"), new int[] {0xE9}, utf8("r\":\"u\"}"));

        assertThat(unreadable(value).reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void rejectsDeepNestingInAnUnknownFieldWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        Violation violation = unreadable(RecordJson.valid().withRaw("extra", deep).bytes());

        assertThat(violation.reason()).isEqualTo(Reason.MALFORMED_JSON);
        assertThat(violation.detail()).containsIgnoringCase("depth");
    }

    @Test
    void rejectsADeeplyNestedTopLevelArrayWithoutOverflowingTheStack() {
        Violation violation = unreadable(utf8("[".repeat(100_000)));

        assertThat(violation.reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void acceptsModestNestingInAnUnknownField() throws Exception {
        String nested = "{\"a\":".repeat(30) + "1" + "}".repeat(30);

        RawEvent raw = EventJsonReader.read(RecordJson.valid().withRaw("extra", nested).bytes());

        assertThat(raw.userId()).isEqualTo(RecordJson.USER_ID);
    }

    @Test
    void keepsTheDetailOfMalformedJsonShortAndFreeOfControlCharacters() {
        String garbage = "{\"user_id\":\"u\",\"x\":" + "\u0001garbage".repeat(20_000);

        Violation violation = unreadable(utf8(garbage));

        assertThat(violation.reason()).isEqualTo(Reason.MALFORMED_JSON);
        assertThat(violation.detail()).hasSizeLessThan(300).doesNotContain("\u0001").contains("at byte");
    }

    @Test
    void describesWhatWasFoundInsteadOfAnObject() {
        assertThat(unreadable(utf8("[1]")).detail()).isEqualTo("expected a JSON object, found an array");
        assertThat(unreadable(utf8("\"x\"")).detail()).isEqualTo("expected a JSON object, found a string");
        assertThat(unreadable(utf8("1.5")).detail()).isEqualTo("expected a JSON object, found a decimal number");
    }

    @Test
    void acceptsAUtf8ByteOrderMark() throws Exception {
        RawEvent raw = EventJsonReader.read(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, RecordJson.valid().bytes()));

        assertThat(raw.userId()).isEqualTo(RecordJson.USER_ID);
    }

    @Test
    void decodesMultiByteUtf8AndEscapes() throws Exception {
        RawEvent raw = EventJsonReader.read(RecordJson.valid()
                .withRaw("user_agent", "\"Caf\u00e9 \u65e5\u672c \ud83d\ude00 \\u00e9 \\\" \\\\\"")
                .bytes());

        assertThat(raw.userAgent()).isEqualTo("Caf\u00e9 \u65e5\u672c \ud83d\ude00 \u00e9 \" \\");
    }

    private static Violation unreadable(byte[] value) {
        var thrown = catchThrowableOfType(EventJsonReader.UnreadableRecord.class, () -> EventJsonReader.read(value));
        assertThat(thrown).as("reading %s", value == null ? "null" : abbreviate(value)).isNotNull();
        return thrown.violation();
    }

    private static String abbreviate(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(byte[] before, int... raw) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(before);
        for (int b : raw) {
            out.write(b);
        }
        return out.toByteArray();
    }

    static byte[] bytes(byte[] before, int[] raw, byte[] after) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(bytes(before, raw));
        out.writeBytes(after);
        return out.toByteArray();
    }

    static byte[] bytes(byte[] first, byte[] second) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
