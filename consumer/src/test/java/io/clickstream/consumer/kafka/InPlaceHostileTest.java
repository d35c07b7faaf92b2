package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.LateEventTarget;
import io.clickstream.consumer.route.PartitionTime;
import io.clickstream.consumer.route.RecordRouter;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.testing.ParquetFiles;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile cases for values read in place (the deserializer hands over Kafka's buffer, the router decodes it there,
 * the writer takes strings' bytes from it, the dead letter copies it) that the author's tests leave out: the exact
 * slack boundary, slices (non-zero {@code arrayOffset}) with a moved position and limit, several values sharing one
 * array (as in a small uncompressed fetch response) with another record's JSON right after each, Parquet files
 * written from such views against files written from the strings, a record routed twice, and dead letters whose
 * value and headers are views into the record's array.
 */
class InPlaceHostileTest {
    private static final Instant KAFKA_TIME = Instant.parse("2026-01-19T10:20:00Z");
    private static final Instant INGESTED = Instant.parse("2026-01-19T10:20:00.123Z");
    private static final RecordRouter ROUTER = new RecordRouter(new RecordRouter.Rules(64 * 1024,
            PartitionTime.EVENT, Duration.ofHours(24), LateEventTarget.LATE_PREFIX, Instant.parse("2000-01-01T00:00:00Z")));

    @TempDir
    Path dir;

    // --- the deserializer's boundaries ---------------------------------------------------------------------------

    @Test
    void slackOfExactlyFourKilobytesIsReadInPlaceAndOneByteMoreIsCopied() {
        var values = CappedBytesDeserializer.inPlace(64 * 1024, 512 * 1024, new PollBytes(1 << 30));
        byte[] at = new byte[100 + CappedBytesDeserializer.IN_PLACE_SLACK];
        byte[] over = new byte[101 + CappedBytesDeserializer.IN_PLACE_SLACK];
        at[7] = 'a';
        over[7] = 'b';

        ByteBuffer inPlace = values.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(at, 7, 100).slice());
        ByteBuffer copied = values.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(over, 7, 100).slice());

        assertThat(inPlace.array()).isSameAs(at);
        assertThat(inPlace.arrayOffset() + inPlace.position()).isEqualTo(7);
        assertThat(inPlace.remaining()).isEqualTo(100);
        assertThat(copied.array()).isNotSameAs(over).hasSize(100);
        assertThat(copied.get(copied.position())).isEqualTo((byte) 'b');
    }

    @Test
    void theInPlacePollCountsTheWholeArraySoASecondRecordPastTheShareIsRefused() {
        PollBytes poll = new PollBytes(5_000);
        var values = CappedBytesDeserializer.inPlace(64 * 1024, 512 * 1024, poll);
        // A 10-byte value next to a 4,000-byte key: read in place, and the poll counts 4,010 bytes, not 10.
        byte[] record = new byte[4_010];

        values.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(record, 4_000, 10).slice());

        assertThat(poll.take(1_000)).as("4,010 + 1,000 passes 5,000").isFalse();
        assertThat(poll.take(990)).isTrue();
    }

    @Test
    void anEmptyValueInARecordArrayIsHandedOverEmptyAndRoutedAsAnEmptyRecord() {
        var values = CappedBytesDeserializer.inPlace(64 * 1024, 512 * 1024, new PollBytes(1 << 20));
        byte[] record = "key{\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        ByteBuffer empty = values.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(record, 3, 0).slice());
        Route route = ROUTER.route(empty, 0, KAFKA_TIME.toEpochMilli());

        assertThat(empty.remaining()).isZero();
        assertThat(route).isInstanceOfSatisfying(Route.Reject.class,
                r -> assertThat(r.violations().get(0).reason().code()).isEqualTo("empty_record"));
    }

    // --- routing in place -------------------------------------------------------------------------------------

    @Test
    void aSliceWithAMovedPositionAndLimitIsRoutedAsItsRemainingBytesAndLeftAsItWas() {
        for (String value : hostileValues()) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            // The record's array: garbage, the value, then another record's JSON; the buffer is a slice whose
            // position and limit were then moved onto the value.
            byte[] prefix = "\u00ff\u0000{\"event_id\":\"".getBytes(StandardCharsets.ISO_8859_1);
            byte[] suffix = (",\"user_id\":\"leak\"}" + hostileValues().get(0)).getBytes(StandardCharsets.UTF_8);
            byte[] array = concat(new byte[] {'G', 'A', 'R'}, prefix, bytes, suffix);
            ByteBuffer slice = ByteBuffer.wrap(array, 3, array.length - 3).slice();
            slice.position(prefix.length);
            slice.limit(prefix.length + bytes.length);

            Route inPlace = ROUTER.route(slice, bytes.length, KAFKA_TIME.toEpochMilli());
            Route alone = ROUTER.route(ByteBuffer.wrap(bytes.clone()), bytes.length, KAFKA_TIME.toEpochMilli());

            assertThat(inPlace).as(value).isEqualTo(alone);
            assertThat(slice.position()).isEqualTo(prefix.length);
            assertThat(slice.limit()).isEqualTo(prefix.length + bytes.length);
            Route again = ROUTER.route(slice, bytes.length, KAFKA_TIME.toEpochMilli());
            assertThat(again).as("routed twice: %s", value).isEqualTo(alone);
        }
    }

    @Test
    void aValueCutWhereTheBytesAfterItWouldCompleteItIsJudgedAsTheCutValue() {
        String good = valid(0);
        int ts = good.indexOf("1768817730000");
        String[][] cases = {
            // a number, a literal, a string and a UTF-8 sequence, each completed by the array's next bytes
            {good.substring(0, ts + 5), good.substring(ts + 5)},
            {"123", "456"},
            {"tru", "e"},
            {"nul", "l"},
            {good.substring(0, good.indexOf("\"user_id\":\"") + 11), good.substring(good.indexOf("\"user_id\":\"") + 11)},
            {good.replace("}", ",\"product_id\":12"), "3}"},
            {"{\"event_id\":\"e-\u20ac\"}", ""},
        };
        for (String[] c : cases) {
            byte[] value = c[0].getBytes(StandardCharsets.UTF_8);
            byte[] after = c[1].getBytes(StandardCharsets.UTF_8);
            check(value, after);
        }
        // A 3-byte sequence cut after its first one or two bytes; and a value starting with continuation bytes
        // whose lead byte lies just before it in the array.
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        byte[] head = good.substring(0, good.indexOf("e-0") + 2).getBytes(StandardCharsets.UTF_8);
        byte[] tail = good.substring(good.indexOf("e-0") + 2).getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < 3; cut++) {
            check(concat(head, Arrays.copyOf(euro, cut)), concat(Arrays.copyOfRange(euro, cut, 3), tail));
        }
        byte[] array = concat(head, euro, tail);
        for (int start = head.length + 1; start < head.length + 3; start++) {
            ByteBuffer view = ByteBuffer.wrap(array, start, array.length - start).slice();
            byte[] alone = Arrays.copyOfRange(array, start, array.length);
            assertThat(ROUTER.route(view, alone.length, KAFKA_TIME.toEpochMilli()))
                    .isEqualTo(ROUTER.route(ByteBuffer.wrap(alone), alone.length, KAFKA_TIME.toEpochMilli()));
        }
    }

    private static void check(byte[] value, byte[] after) {
        byte[] array = concat(new byte[] {'{', '"'}, value, after);
        ByteBuffer view = ByteBuffer.wrap(array, 2, value.length).slice();
        Route inPlace = ROUTER.route(view, value.length, KAFKA_TIME.toEpochMilli());
        Route alone = ROUTER.route(ByteBuffer.wrap(value.clone()), value.length, KAFKA_TIME.toEpochMilli());
        String what = new String(value, StandardCharsets.UTF_8) + " | " + new String(after, StandardCharsets.UTF_8);
        assertThat(inPlace).as(what).isEqualTo(alone);
        if (after.length > 0) {
            assertThat(alone).as("cut: %s", what).isInstanceOf(Route.Reject.class);
        }
    }

    @Test
    void valuesSharingOneArrayAreWrittenToParquetAsTheFileWrittenFromTheirStrings() throws Exception {
        // As in a small uncompressed fetch response: every value is a view into the same array, each followed
        // directly by the next one's bytes (or by garbage at the end).
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add(valid(i));
        }
        List<byte[]> pieces = new ArrayList<>();
        pieces.add(new byte[] {(byte) 0xC0, 0});
        for (String v : values) {
            pieces.add(v.getBytes(StandardCharsets.UTF_8));
        }
        pieces.add(new byte[] {'"', '\\', (byte) 0xFF});
        byte[] shared = concat(pieces.toArray(byte[][]::new));

        var settings = new ParquetSettings("zstd", 16 * 1024, 2 * 1024, 2 * 1024);
        Path fromViews = dir.resolve("views.parquet");
        Path fromStrings = dir.resolve("strings.parquet");
        int withSource = 0;
        try (var views = new EventFileWriter(fromViews, settings); var strings = new EventFileWriter(fromStrings, settings)) {
            int at = 2;
            for (int i = 0; i < values.size(); i++) {
                int length = values.get(i).getBytes(StandardCharsets.UTF_8).length;
                ByteBuffer view = ByteBuffer.wrap(shared, at, length).slice();
                at += length;
                Route route = ROUTER.route(view, length, KAFKA_TIME.toEpochMilli());
                assertThat(route).as(values.get(i)).isInstanceOf(Route.Row.class);
                Route.Row row = (Route.Row) route;
                if (row.source() != null) {
                    withSource++;
                    assertThat(row.source().bytes()).as("read in the shared array").isSameAs(shared);
                }
                views.write(row.event(), row.source(), INGESTED, 3, i);
                strings.write(row.event(), null, INGESTED, 3, i);
            }
            views.finish();
            strings.finish();
            // Asked before the writers' close, which deletes their spool files.
            assertThat(withSource).as("rows read by the fast path").isGreaterThan(100);
            assertThat(Files.mismatch(fromViews, fromStrings)).isEqualTo(-1L);
            var rows = ParquetFiles.rows(fromViews);
            assertThat(rows).hasSize(values.size());
            assertThat(rows).allSatisfy(r -> assertThat(String.valueOf(r.get("user_id"))).doesNotContain("leak"));
        }
    }

    // --- dead letters ------------------------------------------------------------------------------------------

    @Test
    void aDeadLetterOfAViewForwardsExactlyTheValueAndKeepsNothingOfTheRecordsArray() throws Exception {
        var producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        var sender = new DeadLetterSender(producer, "dlq");
        byte[] value = "{\"event_id\":\"caf\u00e9\", \"broken\": }".getBytes(StandardCharsets.UTF_8);

        List<Object> letters = new ArrayList<>();
        WeakReference<byte[]> array = sendFromAView(sender, value, letters);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.value()).isEqualTo(value);
        assertThat(sent.key()).asString(StandardCharsets.UTF_8).isEqualTo("the-key");
        assertThat(header(sent, "trace")).isEqualTo("abc");
        assertThat(header(sent, DeadLetterHeaders.VALUE_TRUNCATED)).isNull();
        assertThat(collected(array)).as("the letter, waiting for its acknowledgement, holds no view of the record's array")
                .isTrue();
        assertThat(letters).hasSize(1);
    }

    @Test
    void aViewOverTheForwardedSizeIsCutToItsFirstBytesWithTheTruncationHeaders() {
        var producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        var sender = new DeadLetterSender(producer, "dlq");
        int size = DeadLetterSender.MAX_FORWARDED_VALUE_BYTES + 1_000;
        byte[] array = new byte[size + 50];
        for (int i = 0; i < array.length; i++) {
            array[i] = (byte) ('a' + i % 26);
        }
        ByteBuffer view = ByteBuffer.wrap(array, 20, size).slice();
        var record = new ConsumerRecord<>("t", 0, 9L, KAFKA_TIME.toEpochMilli(), TimestampType.CREATE_TIME, -1, size,
                (ByteBuffer) null, view, new RecordHeaders(), Optional.empty());

        sender.deadLetter(record, List.of(new Violation("$", io.clickstream.common.validation.Reason.RECORD_TOO_LARGE, "x")));

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.value()).isEqualTo(Arrays.copyOfRange(array, 20, 20 + DeadLetterSender.MAX_FORWARDED_VALUE_BYTES));
        assertThat(header(sent, DeadLetterHeaders.VALUE_TRUNCATED)).isEqualTo("true");
        assertThat(header(sent, DeadLetterHeaders.VALUE_BYTES)).isEqualTo(Integer.toString(size));
        assertThat(view.position()).isZero();
        assertThat(view.remaining()).isEqualTo(size);
    }

    /** In a frame of its own, so that nothing of the test keeps the record's array. */
    private static WeakReference<byte[]> sendFromAView(DeadLetterSender sender, byte[] value, List<Object> letters) {
        byte[] key = "the-key".getBytes(StandardCharsets.UTF_8);
        byte[] hKey = "trace".getBytes(StandardCharsets.UTF_8);
        byte[] hValue = "abc".getBytes(StandardCharsets.UTF_8);
        byte[] array = concat(new byte[] {1, 2}, key, value, "{\"next\":1}".getBytes(StandardCharsets.UTF_8), hKey, hValue);
        int at = 2;
        ByteBuffer keyView = ByteBuffer.wrap(array, at, key.length).slice();
        at += key.length;
        ByteBuffer valueView = ByteBuffer.wrap(array, at, value.length).slice();
        at += value.length + 10;
        // Kafka's headers of a compressed record are lazy views into the record's array as well.
        var headers = new RecordHeaders(new Header[] {new RecordHeader(ByteBuffer.wrap(array, at, hKey.length).slice(),
                ByteBuffer.wrap(array, at + hKey.length, hValue.length).slice())});
        var record = new ConsumerRecord<>("t", 0, 5L, KAFKA_TIME.toEpochMilli(), TimestampType.CREATE_TIME, key.length,
                value.length, keyView, valueView, headers, Optional.empty());
        letters.add(sender.deadLetter(record, List.of(new Violation("$", io.clickstream.common.validation.Reason.MALFORMED_JSON,
                "x"))));
        return new WeakReference<>(array);
    }

    private static boolean collected(WeakReference<byte[]> ref) throws InterruptedException {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ref.get() == null;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // --- values -------------------------------------------------------------------------------------------------

    /** A valid event, by turns plain (fast path), with escapes or unknown fields (Jackson), with odd whitespace. */
    private static String valid(int i) {
        String user = switch (i % 5) {
            case 0 -> "u-\ud83d\ude00-" + i;
            case 1 -> "\u65e5\u672c-" + (i % 7);
            case 2 -> "plain-" + (i % 11);
            case 3 -> "u-\u2028-" + i;
            default -> "caf\u00e9-" + (i % 3);
        };
        String members = "\"event_id\":\"e-" + i + "\",\"user_id\":\"" + user + "\",\"session_id\":\"s-" + (i % 13)
                + "\",\"event_type\":\"" + (i % 2 == 0 ? "page_view" : "ADD_TO_CART") + "\",\"timestamp\":"
                + (1_768_817_730_000L + i * 1_000L) + ",\"page_url\":\"https://shop.example.com/p/" + i
                + "\",\"product_id\":" + (i % 3 == 0 ? "null" : Integer.toString(i)) + ",\"ip_address\":\"10.0."
                + (i % 4) + "." + (i % 250) + "\",\"user_agent\":\"Mozilla/5.0 (\u00e9t\u00e9)\",\"device\":\""
                + (i % 2 == 0 ? "mobile" : "DESKTOP") + "\"";
        return switch (i % 4) {
            case 0 -> "{" + members + "}";
            case 1 -> " \r\n\t{ " + members.replace(",", " ,\n ") + " }\n ";
            case 2 -> "{" + members.replace("shop.example", "shop\\u002eexample") + "}";
            default -> "{\"extra\":{\"a\":[1,{\"b\":\"c\"}]}," + members + "}";
        };
    }

    /** Valid and invalid values, each of them to be routed alone and in place alike. */
    private static List<String> hostileValues() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            values.add(valid(i));
        }
        String good = valid(0);
        values.add(good.substring(0, good.length() - 1)); // the object not closed: the suffix would close it
        values.add(good + " x");
        values.add(good.replace("\"e-0\"", "\"e-0\u0007\""));
        values.add(good.replace("\"e-0\"", "\"e-0\",\"event_id\":\"dup\""));
        values.add("   ");
        values.add("[1,2]");
        values.add("{}");
        values.add(good.replace("1768817730000", "17688177300000000000000"));
        values.add(good.replace("\"e-0\"", "\"e-\u00e9\"").substring(0, good.indexOf("e-0") + 3)); // cut mid-record
        return values;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
