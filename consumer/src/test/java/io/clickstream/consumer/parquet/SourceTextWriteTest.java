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
 * The writer takes a string's bytes from the record it was read from when it can: the file must be the very file
 * it writes from the strings themselves, including for the values the validator changed (trimmed, lower-cased,
 * normalized URLs), for non-ASCII text, and past dictionaries that overflow into plain encoding.
 */
class SourceTextWriteTest {
    private static final Instant INGESTED = Instant.parse("2026-01-19T10:15:31.007Z");
    private static final String[] DEVICES = {"mobile", "Desktop", "  tablet ", "TV"};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (\u65e5\u672c; \u00e9t\u00e9)",
        " curl/8.5.0 ", "Mozilla/5.0 \ud83d\ude00"};
    private static final String[] URLS = {"https://shop.example.com/p/1", "HTTPS://Shop.Example.COM:443/P/2?b=2&a=1",
        "https://shop.example.com/caf\u00e9", "http://shop.example.com/search?q=x#frag"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "page {0} B, id dictionaries {1} B")
    @CsvSource({"262144, 2097152", "8192, 8192", "1024, 2048"})
    void aFileWrittenFromTheRecordsBytesIsTheFileWrittenFromTheStrings(long pageBytes, long idDictionaryBytes)
            throws IOException {
        var settings = new ParquetSettings("zstd", 1L << 20, pageBytes, idDictionaryBytes);
        List<DecodeResult.Valid> events = decodedRecords(6_000);
        assertThat(events).allSatisfy(valid -> assertThat(valid.source()).isNotNull());

        Path fromRecords = dir.resolve("records.parquet");
        Path fromStrings = dir.resolve("strings.parquet");
        try (var records = new EventFileWriter(fromRecords, settings);
                var strings = new EventFileWriter(fromStrings, settings)) {
            for (int i = 0; i < events.size(); i++) {
                records.write(events.get(i).event(), events.get(i).source(), INGESTED, 4, i);
                strings.write(events.get(i).event(), null, INGESTED, 4, i);
            }
            records.finish();
            strings.finish();

            assertThat(Files.mismatch(fromRecords, fromStrings)).isEqualTo(-1L);
            List<GenericRecord> rows = ParquetFiles.rows(fromRecords);
            assertThat(rows).hasSize(events.size());
            for (int i = 0; i < rows.size(); i += 97) {
                var event = events.get(i).event();
                assertThat(text(rows.get(i).get("user_id"))).isEqualTo(event.userId());
                assertThat(text(rows.get(i).get("device"))).isEqualTo(event.device());
                assertThat(text(rows.get(i).get("user_agent"))).isEqualTo(event.userAgent());
                assertThat(text(rows.get(i).get("page_url"))).isEqualTo(event.pageUrl());
            }
        } // closing deletes the spool files
    }

    /** Plain records (the scanner reads them) with values the validator keeps and values it changes. */
    private static List<DecodeResult.Valid> decodedRecords(int count) {
        var decoder = new EventDecoder(1 << 20);
        var random = new SplittableRandom(20261205);
        List<DecodeResult.Valid> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = (random.nextInt(8) == 0 ? " " : "") + "user-" + random.nextInt(400);
            String json = "{\"event_id\":\"e-" + i + "-" + Long.toHexString(random.nextLong()) + "\","
                    + "\"user_id\":\"" + user + "\",\"session_id\":\"s-" + random.nextInt(900) + "\","
                    + "\"event_type\":\"" + (random.nextBoolean() ? "page_view" : "ADD_TO_CART") + "\","
                    + "\"timestamp\":" + (1_768_817_730_000L + i) + ","
                    + "\"page_url\":\"" + URLS[random.nextInt(URLS.length)] + "\","
                    + "\"product_id\":" + (random.nextBoolean() ? "null" : Integer.toString(random.nextInt(1000))) + ","
                    + "\"ip_address\":\"10." + random.nextInt(4) + ".0." + random.nextInt(250) + "\","
                    + "\"referrer\":" + (random.nextBoolean() ? "null" : "\"" + URLS[random.nextInt(URLS.length)] + "\"") + ","
                    + "\"user_agent\":\"" + AGENTS[random.nextInt(AGENTS.length)] + "\","
                    + "\"device\":\"" + DEVICES[random.nextInt(DEVICES.length)] + "\"}";
            DecodeResult result = decoder.decode(json.getBytes(StandardCharsets.UTF_8));
            assertThat(result).as(json).isInstanceOf(DecodeResult.Valid.class);
            events.add((DecodeResult.Valid) result);
        }
        return events;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
