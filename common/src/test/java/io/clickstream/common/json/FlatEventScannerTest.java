package io.clickstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.clickstream.common.event.EventType;
import io.clickstream.common.testing.Generators;
import io.clickstream.common.validation.RawEvent;
import io.clickstream.common.validation.SourceText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path reads a record exactly as Jackson does, or declines it: on every record the producer writes it
 * answers, and on records mutated byte by byte, and on hand-picked ones, whatever it answers Jackson answers too.
 */
class FlatEventScannerTest {

    @Test
    void readsEveryPlainRecordTheEventWriterWritesAsJacksonDoes() throws Exception {
        SplittableRandom random = Generators.random("FlatEventScannerTest/producer");
        int plain = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] json = EventJsonWriter.write(Generators.normalizedEvent(random, random.nextDouble()));
            if (!StrictUtf8.isPlainText(json)) {
                agreeOrDecline(json); // an escape in some string: Jackson's job
                continue;
            }
            plain++;
            RawEvent fast = FlatEventScanner.scan(json);
            assertThat(fast).as(text(json)).isNotNull();
            assertThat(fast).as(text(json)).isEqualTo(EventJsonReader.readWithJackson(json, true));
            assertSpansPointAtTheValues(fast, json);
        }
        // The generator favours awkward text (escapes, controls, surrogates): few of its records are plain.
        assertThat(plain).as("plain records among 20,000 generated").isGreaterThan(300);
    }

    @Test
    void declinesOrAgreesWithJacksonOnMutatedRecords() throws Exception {
        SplittableRandom random = Generators.random("FlatEventScannerTest/mutations");
        int compared = 0;
        int answered = 0;
        for (int i = 0; i < 40_000; i++) {
            byte[] json = i % 4 == 0 ? EventJsonWriter.write(Generators.normalizedEvent(random, random.nextDouble()))
                    : plainRecord(random);
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                json = mutate(random, json);
            }
            if (json.length == 0 || StrictUtf8.firstInvalidByte(json) >= 0) {
                continue;
            }
            compared++;
            if (agreeOrDecline(json)) {
                answered++;
            }
        }
        assertThat(compared).as("mutated records that reached the fast path").isGreaterThan(20_000);
        assertThat(answered).as("of them, read by the fast path (whitespace, nulls, reordered fields)").isPositive();
    }

    @Test
    void readsPlainRecordsOfAnyFieldOrderSpacingAndNullsAsJacksonDoes() throws Exception {
        SplittableRandom random = Generators.random("FlatEventScannerTest/plain");
        for (int i = 0; i < 5_000; i++) {
            byte[] json = plainRecord(random);
            assertThat(agreeOrDecline(json)).as("read by the fast path: %s", text(json)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", " { } ", "{\"user_id\":\"u\"}", "{\"user_id\":null}", "{\"timestamp\":0}", "{\"timestamp\":-0}",
        "{\"timestamp\":-1}", "{\"timestamp\":123456789012345678}", "{\"timestamp\":1234567890123456789}",
        "{\"timestamp\":99999999999999999999}", "{\"timestamp\":01}", "{\"timestamp\":1.5}", "{\"timestamp\":1e3}",
        "{\"timestamp\":1E3}", "{\"timestamp\":-}", "{\"timestamp\":+1}", "{\"timestamp\":\"2026-01-01T00:00:00Z\"}",
        "{\"timestamp\":true}", "{\"timestamp\":nul}", "{\"timestamp\":nullx}", "{\"timestamp\":null }",
        "{\"product_id\":\"7\"}", "{\"product_id\":7}", "{\"product_id\":[7]}", "{\"product_id\":{}}",
        "{\"user_id\":1}", "{\"user_id\":\"a\",}", "{,}", "{\"user_id\":\"a\" \"session_id\":\"b\"}",
        "{\"user_id\":\"a\",\"user_id\":\"b\"}", "{\"other\":1}", "{\"user_id\":\"a\"}x", "{\"user_id\":\"a\"}{}",
        "{\"user_id\":\"a\"", "{\"user_id\":\"a", "{\"user_id\"", "{\"user_id\":", "[]", "\"x\"", "1", "null",
        "{\"user_id\" : \"a\" ,\n\t\"session_id\"\r:\"b\"}", "{\"user_id\":\"\"}", "{\"USER_ID\":\"a\"}",
        "{\"user_idx\":\"a\"}", "{\"user_i\":\"a\"}", "{\"user_id\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\"}",
        "{\"user_id\":\"a\u0001b\"}", "{\"user_id\":\"a\tb\"}", "\ufeff{\"user_id\":\"a\"}", "{\"user_id\":\"a\"}\u000c",
        "{\"timestamp\":1,\"timestamp\":2}", "{\"user_id\":\"a\\\"b\"}", "{\"user_id\":\"a\\u0041\"}",
        "{\"user_id\":\"a\u007fb\"}", "{\"user_id\":\"a\u0085b\"}", "{\"user_id\":\"a\u00c2b\"}",
        "{\"user_id\":\"0123456789abcdef\u0085\"}", "{\"user_id\":\"0123456789abcdef\\n\"}",
        "{\"device\":\"mobile\",\"device\":null}", "{\"referrer\":null,}",
    })
    void declinesOrAgreesWithJacksonOnHandPickedRecords(String record) {
        byte[] json = record.getBytes(StandardCharsets.UTF_8);
        if (StrictUtf8.firstInvalidByte(json) >= 0) {
            return;
        }
        assertThatCode(() -> agreeOrDecline(json)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"user_id\":\"a\\\"b\"}", "{\"user_id\":\"a\\u0041\"}", "{\"user_id\":\"0123456789abcdef\\n\"}",
        "{\"user_id\":\"a\u007fb\"}", "{\"user_id\":\"0123456789abcdef\u0085\"}", "{\"user_id\":\"a\u0001\"}",
        "{\"user_id\":\"a\",\"other\":1}", "{\"user_id\":\"a\",\"user_id\":\"a\"}", "{\"timestamp\":1.0}",
        "{\"product_id\":-9223372036854775808}", "{\"product_id\":9223372036854775808}", "\ufeff{}", "{} x",
    })
    void declinesRecordsThatAreNotPlainForJacksonToRead(String record) {
        assertThat(FlatEventScanner.scan(record.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"page_view, mobile", "click, desktop", "purchase, tablet", "add_to_cart, mobile"})
    void takesAKnownEventTypeAndDeviceAsTheConstantStringWithItsSpan(String type, String device) {
        byte[] json = ("{\"event_type\":\"" + type + "\",\"device\":\"" + device + "\"}").getBytes(StandardCharsets.UTF_8);

        RawEvent event = FlatEventScanner.scan(json);

        assertThat(event.eventType()).isSameAs(EventType.fromWireName(type).orElseThrow().wireName());
        assertThat(event.device()).isEqualTo(device).isSameAs(FlatEventScanner.scan(json).device());
        assertSpansPointAtTheValues(event, json);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"Page_View, Mobile", "page_vie, mobil", "page_views, mobiles", "'', ''", "'click ', ' tablet'"})
    void decodesAnyOtherEventTypeOrDeviceAsItsOwnString(String type, String device) {
        byte[] json = ("{\"event_type\":\"" + type + "\",\"device\":\"" + device + "\"}").getBytes(StandardCharsets.UTF_8);

        RawEvent event = FlatEventScanner.scan(json);

        assertThat(event.eventType()).isEqualTo(type);
        assertThat(event.device()).isEqualTo(device).isNotSameAs(FlatEventScanner.scan(json).device());
        assertSpansPointAtTheValues(event, json);
    }

    @Test
    void readsTheFieldsOfAPlainRecordWithItsSpacing() throws Exception {
        byte[] json = ("{ \"event_id\" : \"e\", \"user_id\":\"u\",\n\"session_id\":\"s\",\"event_type\":\"page_view\","
                + "\"timestamp\":1767225600000,\"page_url\":\"https://shop.example/p\",\"product_id\":-12,"
                + "\"ip_address\":\"10.0.0.1\",\"referrer\":null,\"user_agent\":\"Mozilla/5.0\",\"device\":\"mobile\" }")
                .getBytes(StandardCharsets.UTF_8);

        RawEvent event = FlatEventScanner.scan(json);

        assertThat(event).isEqualTo(new RawEvent("e", "u", "s", "page_view", null, 1_767_225_600_000L,
                "https://shop.example/p", -12L, "10.0.0.1", null, "Mozilla/5.0", "mobile", List.of(), true));
    }

    private static final String[] FIELDS = {"event_id", "user_id", "session_id", "event_type", "timestamp", "page_url",
        "product_id", "ip_address", "referrer", "user_agent", "device"};
    private static final String[] WHITESPACE = {"", "", "", " ", "\n", "\t", "\r\n", "  "};
    private static final String TEXT = "abcXYZ019 -._~:/?#[]@!$&'()*+,;=%{}<>|^`\u00e9\u00fc\u65e5\u672c\ud83d\ude00";

    /**
     * A record as a well-behaved producer other than ours might write it: any subset of the fields in any order,
     * spacing between every token, strings without escapes (some non-ASCII), integers up to 19 digits, nulls.
     */
    static byte[] plainRecord(SplittableRandom random) {
        List<String> fields = new java.util.ArrayList<>(List.of(FIELDS));
        java.util.Collections.shuffle(fields, new java.util.Random(random.nextLong()));
        StringBuilder json = new StringBuilder().append(ws(random)).append('{');
        int count = random.nextInt(fields.size() + 1);
        for (int f = 0; f < count; f++) {
            String name = fields.get(f);
            json.append(ws(random)).append('"').append(name).append('"').append(ws(random)).append(':').append(ws(random));
            boolean numeric = name.equals("timestamp") || name.equals("product_id");
            int kind = random.nextInt(10);
            if (kind == 0) {
                json.append("null");
            } else if (numeric && (name.equals("product_id") || kind < 6)) {
                json.append(integer(random));
            } else {
                json.append('"');
                int length = random.nextInt(60);
                for (int c = 0; c < length; c++) {
                    json.appendCodePoint(TEXT.codePointAt(TEXT.offsetByCodePoints(0,
                            random.nextInt(TEXT.codePointCount(0, TEXT.length())))));
                }
                json.append('"');
            }
            json.append(ws(random));
            if (f < count - 1) {
                json.append(',');
            }
        }
        return json.append('}').append(ws(random)).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String integer(SplittableRandom random) {
        long value = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(10);
            case 1 -> random.nextLong();
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE + 1;
            default -> random.nextLong(1_000_000_000_000L, 2_000_000_000_000L);
        };
        return Long.toString(value);
    }

    private static String ws(SplittableRandom random) {
        return WHITESPACE[random.nextInt(WHITESPACE.length)];
    }

    /** True when the fast path read the record (and then Jackson read it the same); false when it declined. */
    private static boolean agreeOrDecline(byte[] json) throws Exception {
        RawEvent fast = FlatEventScanner.scan(json);
        if (fast == null) {
            return false;
        }
        AtomicReference<RawEvent> jackson = new AtomicReference<>();
        assertThatCode(() -> jackson.set(EventJsonReader.readWithJackson(json, StrictUtf8.isPlainText(json))))
                .as("the fast path read what Jackson rejects: %s", text(json)).doesNotThrowAnyException();
        assertThat(fast).as(text(json)).isEqualTo(jackson.get());
        assertSpansPointAtTheValues(fast, json);
        return true;
    }

    /** The fields alone: Jackson's reading says nothing of where the strings lie. */
    /** Every string's span holds exactly its UTF-8 bytes; an equal string that is another instance has none. */
    private static void assertSpansPointAtTheValues(RawEvent event, byte[] json) {
        SourceText source = event.source();
        assertThat(source).isNotNull();
        assertThat(source.bytes()).isSameAs(json);
        for (String value : new String[] {event.eventId(), event.userId(), event.sessionId(), event.eventType(),
            event.timestampText(), event.pageUrl(), event.ipAddress(), event.referrer(), event.userAgent(),
            event.device()}) {
            if (value == null) {
                continue;
            }
            long span = source.span(value);
            assertThat(span).as("span of %s", value).isNotNegative();
            assertThat(new String(json, SourceText.start(span), SourceText.length(span), StandardCharsets.UTF_8))
                    .as(text(json)).isEqualTo(value);
            assertThat(source.span(new String(value))).as("a copy of %s", value).isEqualTo(-1);
        }
        assertThat(source.span(null)).isEqualTo(-1);
    }

    private static final List<String> TOKENS = List.of(" ", "\t", "\n", "\r", "\u000c", "\u000b", "{", "}", "[", "]",
            "\"", ":", ",", "-", "0", "1", "9", ".", "e", "+", "null", "nul", "true", "1.5", "01", "-0",
            "\"other\":1,", "\"event_id\":\"x\",", "\"timestamp\":5,", "\"product_id\":null,", "\"user_id\":7,",
            "{}", "[]", "\u0001", "\u007f", "\u00e9", "\ufeff", "x", "123456789012345678901", "\\", "\\\"", "\\u0041",
            "\\n", "\u0085", "\u00c2", "9223372036854775807", "-9223372036854775808", "9223372036854775808");

    static byte[] mutate(SplittableRandom random, byte[] json) {
        if (json.length == 0) {
            return json;
        }
        int at = random.nextInt(json.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 16);
        switch (random.nextInt(4)) {
            case 0 -> { // insert a token
                out.write(json, 0, at);
                out.writeBytes(TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
                out.write(json, at, json.length - at);
            }
            case 1 -> { // delete a byte
                int cut = Math.min(at, json.length - 1);
                out.write(json, 0, cut);
                out.write(json, cut + 1, json.length - cut - 1);
            }
            case 2 -> { // replace a byte with a token
                int cut = Math.min(at, json.length - 1);
                out.write(json, 0, cut);
                out.writeBytes(TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
                out.write(json, cut + 1, json.length - cut - 1);
            }
            default -> { // cut the record short, or duplicate a stretch of it
                if (random.nextBoolean()) {
                    out.write(json, 0, at);
                } else {
                    int from = random.nextInt(json.length);
                    int to = Math.min(json.length, from + 1 + random.nextInt(40));
                    out.write(json, 0, at);
                    out.write(json, from, to - from);
                    out.write(json, at, json.length - at);
                }
            }
        }
        return out.toByteArray();
    }

    private static String text(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
