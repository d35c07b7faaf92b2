package io.clickstream.consumer.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.SourceText;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile checks of the scanner's constant strings (known event types and devices) against the span lookup by
 * identity and the Parquet writer: the constants put in other fields (a device "click", a user id "mobile", a session
 * "page_view"), cases and spacing that the validator changes, records read in place at an offset of a larger array
 * full of the constants' bytes, and the same record read by Jackson (an unknown member sends it there). Whatever path
 * read a record, the event is the same and the file is byte for byte the same.
 */
class ScannerConstantsHostileWriteTest {
    private static final Instant INGESTED = Instant.parse("2026-01-19T10:15:31.007Z");
    private static final String[] TYPES = {"page_view", "click", "add_to_cart", "purchase", " CLICK ", "Page_View"};
    private static final String[] CONSTANTS = {"mobile", "desktop", "tablet", "page_view", "click", "add_to_cart",
        "purchase", "Mobile", "MOBILE", " tablet", "mobile ", "mobil", "mobiles", "\u00b5obile", "\u043cobile"};

    @TempDir
    Path dir;

    private record Decoded(DecodeResult.Valid fast, DecodeResult.Valid jackson) {
    }

    @Test
    void constantsInEveryFieldWriteTheSameFileWhicheverPathReadTheRecord() throws IOException {
        var decoder = new EventDecoder(1 << 20);
        var random = new SplittableRandom(20261206L);
        List<Decoded> events = new ArrayList<>();
        int inPlaceAtOffset = 0;
        for (int i = 0; i < 3_000; i++) {
            String members = member("event_id", pick(random) + "-" + i) + ","
                    + member("user_id", pick(random)) + ","
                    + member("session_id", pick(random)) + ","
                    + member("event_type", TYPES[random.nextInt(TYPES.length)]) + ","
                    + "\"timestamp\":" + (1_768_817_730_000L + i) + ","
                    + member("page_url", "https://shop.example.com/" + pick(random).trim()) + ","
                    + "\"product_id\":null,"
                    + member("ip_address", "10.0.0." + random.nextInt(256)) + ","
                    + (random.nextBoolean() ? "\"referrer\":null," : member("referrer", "https://ref.example/" + pick(random).trim()) + ",")
                    + member("user_agent", pick(random)) + ","
                    + member("device", pick(random));
            byte[] plain = ("{" + members + "}").getBytes(StandardCharsets.UTF_8);
            byte[] withUnknown = ("{" + members + ",\"extra\":1}").getBytes(StandardCharsets.UTF_8);

            DecodeResult fast;
            if (random.nextBoolean()) {
                // In place: the record inside a larger array whose other bytes hold the constants.
                byte[] before = "\"mobile\"\"click\"\"desktop\"".getBytes(StandardCharsets.UTF_8);
                byte[] after = "\"tablet\"\"page_view\"".getBytes(StandardCharsets.UTF_8);
                byte[] array = new byte[before.length + plain.length + after.length];
                System.arraycopy(before, 0, array, 0, before.length);
                System.arraycopy(plain, 0, array, before.length, plain.length);
                System.arraycopy(after, 0, array, before.length + plain.length, after.length);
                fast = decoder.decode(array, before.length, plain.length);
                inPlaceAtOffset++;
            } else {
                fast = decoder.decode(plain);
            }
            DecodeResult jackson = decoder.decode(withUnknown);
            assertThat(fast).as(new String(plain, StandardCharsets.UTF_8)).isInstanceOf(DecodeResult.Valid.class);
            assertThat(jackson).as(new String(withUnknown, StandardCharsets.UTF_8)).isInstanceOf(DecodeResult.Valid.class);
            var f = (DecodeResult.Valid) fast;
            var j = (DecodeResult.Valid) jackson;
            assertThat(f.source()).as("the fast path read %s", new String(plain, StandardCharsets.UTF_8)).isNotNull();
            assertThat(j.source()).as("Jackson read the record with an unknown member").isNull();
            assertThat(f.event()).isEqualTo(j.event());
            assertSpansHoldTheValues(f.event(), f.source());
            events.add(new Decoded(f, j));
        }
        assertThat(inPlaceAtOffset).isBetween(1_000, 2_000);

        var settings = new ParquetSettings("zstd", 16_384, 2_048, 2_048);
        Path fromFast = dir.resolve("fast.parquet");
        Path fromJackson = dir.resolve("jackson.parquet");
        Path fromStrings = dir.resolve("strings.parquet");
        try (var fast = new EventFileWriter(fromFast, settings);
                var jackson = new EventFileWriter(fromJackson, settings);
                var strings = new EventFileWriter(fromStrings, settings)) {
            for (int i = 0; i < events.size(); i++) {
                fast.write(events.get(i).fast().event(), events.get(i).fast().source(), INGESTED, 4, i);
                jackson.write(events.get(i).jackson().event(), null, INGESTED, 4, i);
                strings.write(events.get(i).fast().event(), null, INGESTED, 4, i);
            }
            fast.finish();
            jackson.finish();
            strings.finish();
            // compared before the writers close (closing removes their files)
            compare(fromFast, fromJackson, fromStrings, events);
        }
    }

    private static void compare(Path fromFast, Path fromJackson, Path fromStrings, List<Decoded> events)
            throws IOException {
        assertThat(Files.mismatch(fromFast, fromJackson)).as("fast path vs Jackson").isEqualTo(-1L);
        assertThat(Files.mismatch(fromFast, fromStrings)).as("record bytes vs encoded strings").isEqualTo(-1L);
        List<GenericRecord> rows = ParquetFiles.rows(fromFast);
        assertThat(rows).hasSize(events.size());
        for (int i = 0; i < rows.size(); i++) {
            ClickEvent event = events.get(i).fast().event();
            assertThat(text(rows.get(i).get("device"))).isEqualTo(event.device());
            assertThat(text(rows.get(i).get("user_id"))).isEqualTo(event.userId());
            assertThat(text(rows.get(i).get("session_id"))).isEqualTo(event.sessionId());
            assertThat(text(rows.get(i).get("user_agent"))).isEqualTo(event.userAgent());
            assertThat(text(rows.get(i).get("event_type"))).isEqualTo(event.eventType().wireName());
        }
    }

    @Test
    void aDeviceNamedLikeAnEventTypeAndAUserIdNamedLikeADeviceKeepTheirOwnBytes() throws IOException {
        var decoder = new EventDecoder(1 << 20);
        byte[] json = ("{\"event_id\":\"mobile\",\"user_id\":\"mobile\",\"session_id\":\"desktop\",\"event_type\":\"click\","
                + "\"timestamp\":1768817730000,\"page_url\":\"https://a.example/\",\"product_id\":null,"
                + "\"ip_address\":\"10.0.0.1\",\"referrer\":null,\"user_agent\":\"tablet\",\"device\":\"click\"}")
                .getBytes(StandardCharsets.UTF_8);
        var valid = (DecodeResult.Valid) decoder.decode(json);
        ClickEvent event = valid.event();
        assertThat(event.device()).isEqualTo("click");
        assertThat(event.userId()).isEqualTo("mobile");
        assertSpansHoldTheValues(event, valid.source());
        // the device's span is the device's member, not the event type's
        long device = valid.source().span(event.device());
        assertThat(SourceText.start(device)).isEqualTo(new String(json, StandardCharsets.UTF_8).lastIndexOf("click"));
    }

    private static String pick(SplittableRandom random) {
        return CONSTANTS[random.nextInt(CONSTANTS.length)];
    }

    private static String member(String name, String value) {
        return "\"" + name + "\":\"" + value + "\"";
    }

    private static void assertSpansHoldTheValues(ClickEvent event, SourceText source) {
        for (String value : new String[] {event.eventId(), event.userId(), event.sessionId(), event.eventType().wireName(),
            event.pageUrl(), event.ipAddress(), event.referrer(), event.userAgent(), event.device()}) {
            if (value == null) {
                continue;
            }
            long span = source.span(value);
            if (span >= 0) {
                assertThat(new String(source.bytes(), SourceText.start(span), SourceText.length(span),
                        StandardCharsets.UTF_8)).as("bytes at the span of %s", value).isEqualTo(value);
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
