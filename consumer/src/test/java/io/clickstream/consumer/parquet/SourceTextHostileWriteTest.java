package io.clickstream.consumer.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.consumer.testing.ParquetFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cases {@code SourceTextWriteTest} leaves out: 4-byte UTF-8, line and paragraph separators, a BOM and noncharacters
 * inside strings, Unicode spaces the validator strips, case mappings that change a value's length, normalized IPv6,
 * members in another order with whitespace between them, two fields of equal text, records Jackson reads (escapes,
 * unknown fields: no source), rows with and without a source in one file, and several row groups.
 */
class SourceTextHostileWriteTest {
    private static final Instant INGESTED = Instant.parse("2026-01-19T10:15:31.007Z");
    private static final String[] IDS = {"u-\ud83d\ude00-\ud800\udc00", "\u65e5\u672c-\u00e9", "\u3000u-ideographic\u3000",
        "u-\u00a0nbsp", "u-\u2028-\u2029", "u-\ufeff-\uffff-\ufffe", "u-\u0301\u0301", "\u2003u-em-space", "plain-1"};
    private static final String[] DEVICES = {"T\u00c9L\u00c9", "\u0130PAD", "\u01c5x", "mobile", "  DESKTOP\u2003"};
    private static final String[] IPS = {"2001:DB8::1", "::ffff:10.0.0.1", "10.0.0.7", "fe80:0:0:0:0:0:0:1"};
    private static final String[] AGENTS = {"Mozilla/5.0 \ud83e\udd16 \u0928\u092e\u0938\u094d\u0924\u0947",
        "\u2028agent\u2029", "x", "Mozilla/5.0 (\u00e9t\u00e9)"};
    private static final String[] URLS = {"https://shop.example.com/caf\u00e9?q=\ud83d\ude00",
        "HTTPS://SHOP.EXAMPLE.COM/P/1", "https://shop.example.com/p/2"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "row groups of {0} B, pages of {1} B, id dictionaries {2} B")
    @CsvSource({"1048576, 65536, 2097152", "16384, 2048, 2048", "8192, 1024, 1024"})
    void aFileWrittenFromHostileRecordsIsTheFileWrittenFromTheStrings(long rowGroupBytes, long pageBytes,
            long idDictionaryBytes) throws IOException {
        var settings = new ParquetSettings("zstd", rowGroupBytes, pageBytes, idDictionaryBytes);
        List<DecodeResult.Valid> events = decodedRecords(4_000);
        long withSource = events.stream().filter(v -> v.source() != null).count();
        assertThat(withSource).as("read by the fast path").isBetween(1_000L, 3_000L);

        Path fromRecords = dir.resolve("records.parquet");
        Path fromStrings = dir.resolve("strings.parquet");
        try (var records = new EventFileWriter(fromRecords, settings);
                var strings = new EventFileWriter(fromStrings, settings)) {
            for (int i = 0; i < events.size(); i++) {
                // Every fifth row without its source, in the same file as rows with one.
                records.write(events.get(i).event(), i % 5 == 4 ? null : events.get(i).source(), INGESTED, 4, i);
                strings.write(events.get(i).event(), null, INGESTED, 4, i);
            }
            records.finish();
            strings.finish();

            assertThat(Files.mismatch(fromRecords, fromStrings)).isEqualTo(-1L);
            if (rowGroupBytes < 65536) {
                assertThat(ParquetFiles.footer(fromRecords).getBlocks()).as("row groups").hasSizeGreaterThan(1);
            }
            List<GenericRecord> rows = ParquetFiles.rows(fromRecords);
            assertThat(rows).hasSize(events.size());
            for (int i = 0; i < rows.size(); i++) {
                var event = events.get(i).event();
                assertThat(text(rows.get(i).get("user_id"))).isEqualTo(event.userId());
                assertThat(text(rows.get(i).get("session_id"))).isEqualTo(event.sessionId());
                assertThat(text(rows.get(i).get("ip_address"))).isEqualTo(event.ipAddress());
                assertThat(text(rows.get(i).get("device"))).isEqualTo(event.device());
                assertThat(text(rows.get(i).get("user_agent"))).isEqualTo(event.userAgent());
                assertThat(text(rows.get(i).get("page_url"))).isEqualTo(event.pageUrl());
                assertThat(text(rows.get(i).get("event_id"))).isEqualTo(event.eventId());
            }
        }
    }

    private static List<DecodeResult.Valid> decodedRecords(int count) {
        var decoder = new EventDecoder(1 << 20);
        var random = new SplittableRandom(20261206);
        List<DecodeResult.Valid> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean jackson = random.nextInt(2) == 0;
            String user = IDS[random.nextInt(IDS.length)] + random.nextInt(50);
            String session = random.nextInt(4) == 0 ? user : IDS[random.nextInt(IDS.length)] + "s" + random.nextInt(300);
            List<String> members = new ArrayList<>(List.of(
                    member("event_id", "e-" + i + "-" + IDS[random.nextInt(IDS.length)], jackson),
                    member("user_id", user, jackson),
                    member("session_id", session, jackson),
                    member("event_type", random.nextBoolean() ? "page_view" : " ADD_TO_CART ", jackson),
                    "\"timestamp\":" + (1_768_817_730_000L + i),
                    member("page_url", URLS[random.nextInt(URLS.length)], jackson),
                    "\"product_id\":" + (random.nextBoolean() ? "null" : Integer.toString(random.nextInt(1000))),
                    member("ip_address", IPS[random.nextInt(IPS.length)], jackson),
                    random.nextBoolean() ? "\"referrer\":null" : member("referrer", URLS[random.nextInt(URLS.length)], jackson),
                    member("user_agent", AGENTS[random.nextInt(AGENTS.length)], jackson),
                    member("device", DEVICES[random.nextInt(DEVICES.length)], jackson)));
            if (random.nextBoolean()) {
                java.util.Collections.reverse(members);
            }
            if (jackson && random.nextBoolean()) {
                members.add("\"extra\":{\"nested\":[1,2]}");
            }
            String separator = random.nextBoolean() ? "," : " ,\n\t ";
            String json = (random.nextBoolean() ? " {\r\n" : "{") + String.join(separator, members) + "}\n";
            DecodeResult result = decoder.decode(json.getBytes(StandardCharsets.UTF_8));
            assertThat(result).as(json).isInstanceOf(DecodeResult.Valid.class);
            var valid = (DecodeResult.Valid) result;
            events.add(valid);
        }
        return events;
    }

    /** A string member; for a record Jackson is to read, with its non-ASCII characters escaped. */
    private static String member(String name, String value, boolean escaped) {
        if (!escaped) {
            return "\"" + name + "\":\"" + value + "\"";
        }
        var out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(c < 0x80 && c != '/' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return "\"" + name + "\" : \"" + out + "\"";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
