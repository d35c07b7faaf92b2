package io.clickstream.consumer.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.consumer.testing.Events;
import io.clickstream.consumer.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import io.clickstream.common.avro.EventSchema;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileWriterTest {
    private static final ParquetSettings ZSTD = new ParquetSettings("zstd", 32L << 20, 1L << 20);
    private static final Instant EVENT_TIME = Instant.parse("2026-01-19T10:15:30.123456Z");
    private static final Instant INGESTED = Instant.parse("2026-01-19T10:15:31.007Z");

    @TempDir
    Path dir;

    /** A finished file of one row, left in place to be read back. */
    private Path fileWithOneRow(String name, ParquetSettings settings) {
        Path file = dir.resolve(name);
        var writer = new EventFileWriter(file, settings);
        writer.write(Events.event("e", EVENT_TIME), INGESTED, 0, 0);
        writer.finish();
        return file;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @Test
    void rowsReadBackWithEveryFieldTimestampsAsMicrosAndKafkaCoordinates() {
        Path file = dir.resolve("a.parquet");
        var full = Events.event("e-1", EVENT_TIME);
        var minimal = new ClickEvent(null, "u-2", "s-2", EventType.PURCHASE, EVENT_TIME.plusSeconds(1),
                "https://shop.example.com/Checkout?Step=2", null, null, null, null, null);
        try (var writer = new EventFileWriter(file, ZSTD)) {
            writer.write(full, INGESTED, 3, 41);
            writer.write(minimal, INGESTED.plusMillis(1), 3, 42);
            assertThat(writer.rows()).isEqualTo(2);
            long size = writer.finish();
            assertThat(size).isEqualTo(file.toFile().length()).isPositive();

            List<GenericRecord> rows = ParquetFiles.rows(file);

            assertThat(rows).hasSize(2);
            GenericRecord first = rows.get(0);
            assertThat(text(first.get("event_id"))).isEqualTo("e-1");
            assertThat(text(first.get("user_id"))).isEqualTo(Events.USER_ID);
            assertThat(text(first.get("session_id"))).isEqualTo(Events.SESSION_ID);
            assertThat(text(first.get("event_type"))).isEqualTo("view_product");
            assertThat(first.get("timestamp")).isEqualTo(1_768_817_730_123_456L);
            assertThat(text(first.get("page_url"))).isEqualTo(Events.PAGE_URL);
            assertThat(first.get("product_id")).isEqualTo(101L);
            assertThat(text(first.get("ip_address"))).isEqualTo("192.168.1.1");
            assertThat(first.get("referrer")).isNull();
            assertThat(text(first.get("user_agent"))).isEqualTo("Mozilla/5.0");
            assertThat(text(first.get("device"))).isEqualTo("mobile");
            assertThat(first.get("ingested_at")).isEqualTo(1_768_817_731_007_000L);
            assertThat(first.get("kafka_partition")).isEqualTo(3);
            assertThat(first.get("kafka_offset")).isEqualTo(41L);

            GenericRecord second = rows.get(1);
            assertThat(second.get("event_id")).isNull();
            assertThat(text(second.get("event_type"))).isEqualTo("purchase");
            assertThat(text(second.get("page_url"))).isEqualTo("https://shop.example.com/Checkout?Step=2");
            assertThat(second.get("product_id")).isNull();
            assertThat(second.get("device")).isNull();
            assertThat(second.get("kafka_offset")).isEqualTo(42L);
        }
        // close() after finish() removes the spool file: the uploader has had its chance by then.
        assertThat(file).doesNotExist();
    }

    @Test
    void everyColumnChunkIsZstdCompressed() {
        Path file = fileWithOneRow("z.parquet", ZSTD);

        var footer = ParquetFiles.footer(file);

        assertThat(footer.getBlocks()).isNotEmpty();
        assertThat(footer.getBlocks()).flatExtracting(b -> b.getColumns()).extracting(ColumnChunkMetaData::getCodec)
                .containsOnly(CompressionCodecName.ZSTD);
        assertThat(footer.getFileMetaData().getSchema().getFieldCount()).isEqualTo(14);
        for (String column : List.of("timestamp", "ingested_at")) {
            assertThat(footer.getFileMetaData().getSchema().getType(column).getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        }
    }

    @Test
    void theCompressionSettingChoosesTheCodec() {
        Path file = fileWithOneRow("s.parquet", new ParquetSettings("snappy", 1L << 20, 64 * 1024));

        assertThat(ParquetFiles.footer(file).getBlocks().get(0).getColumns())
                .extracting(ColumnChunkMetaData::getCodec).containsOnly(CompressionCodecName.SNAPPY);
    }

    @Test
    void closeBeforeFinishDeletesTheSpoolFileAndLeavesNoPartialFile() throws Exception {
        Path file = dir.resolve("abandoned.parquet");
        var writer = new EventFileWriter(file, ZSTD);
        for (int i = 0; i < 100; i++) {
            writer.write(Events.event("e-" + i, EVENT_TIME), INGESTED, 0, i);
        }

        writer.close();

        assertThat(file).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void closeIsSafeTwice() {
        var writer = new EventFileWriter(dir.resolve("twice.parquet"), ZSTD);
        writer.close();
        writer.close();

        assertThat(dir.resolve("twice.parquet")).doesNotExist();
    }

    @Test
    void bufferedBytesGrowWithRows() {
        var writer = new EventFileWriter(dir.resolve("grow.parquet"), new ParquetSettings("zstd", 64 * 1024, 8 * 1024));
        long empty = writer.bufferedBytes();
        for (int i = 0; i < 50; i++) {
            writer.write(Events.event("event-" + i + "-" + "x".repeat(40), EVENT_TIME.plusMillis(i)), INGESTED, 0, i);
        }
        long after50 = writer.bufferedBytes();
        for (int i = 50; i < 500; i++) {
            writer.write(Events.event("event-" + i + "-" + "x".repeat(40), EVENT_TIME.plusMillis(i)), INGESTED, 0, i);
        }
        long after500 = writer.bufferedBytes();

        assertThat(empty).isPositive();
        assertThat(after50).isGreaterThan(empty);
        assertThat(after500).isGreaterThan(after50);
        assertThat(writer.dataSize()).isGreaterThanOrEqualTo(after500 - EventFileWriter.openFileOverheadBytes(ZSTD));
        writer.close();
    }

    @Test
    void inMemoryBytesExcludeRowGroupsAlreadyWrittenToTheSpoolFile() {
        var writer = new EventFileWriter(dir.resolve("flushed.parquet"), new ParquetSettings("uncompressed", 64 * 1024, 8 * 1024));
        for (int i = 0; i < 5_000; i++) {
            writer.write(Events.event("event-" + i + "-" + Long.toHexString(i * 0x9E3779B97F4A7C15L), EVENT_TIME.plusMillis(i)),
                    INGESTED, 0, i);
        }

        // Row groups of 64 KB went to disk: memory holds at most about one row group, the data size all of it.
        assertThat(writer.dataSize()).isGreaterThan(3 * 64 * 1024);
        assertThat(writer.bufferedBytes() - EventFileWriter.openFileOverheadBytes(new ParquetSettings("uncompressed", 64 * 1024, 8 * 1024)))
                .isLessThan(writer.dataSize() / 2);
        writer.close();
    }

    @Test
    void anOpenFileWithoutRowsStillCountsItsWritersOverhead() {
        var writer = new EventFileWriter(dir.resolve("empty.parquet"), ZSTD);

        assertThat(writer.bufferedBytes()).isGreaterThanOrEqualTo(EventFileWriter.openFileOverheadBytes(ZSTD)).isPositive();
        writer.close();
    }

    @Test
    void theFileCarriesTheSchemaParquetAvroDerivesAndTheAvroSchemaForAvroReaders() {
        Path file = fileWithOneRow("schema.parquet", ZSTD);

        var meta = ParquetFiles.footer(file).getFileMetaData();

        assertThat(meta.getSchema()).isEqualTo(new AvroSchemaConverter(new PlainParquetConfiguration()).convert(EventSchema.get()));
        assertThat(new Schema.Parser().parse(meta.getKeyValueMetaData().get("parquet.avro.schema"))).isEqualTo(EventSchema.get());
    }

    @Test
    void uniqueColumnsSkipTheDictionaryAndFreeTextColumnsTheirStatistics() {
        Path file = dir.resolve("dict.parquet");
        var writer = new EventFileWriter(file, ZSTD);
        for (int i = 0; i < 1_000; i++) {
            writer.write(Events.event("event-" + i, EVENT_TIME), INGESTED, 0, i);
        }
        writer.finish();

        var columns = ParquetFiles.footer(file).getBlocks().get(0).getColumns();
        assertThat(columns).filteredOn(c -> c.getPath().toDotString().equals("event_id")).singleElement()
                .satisfies(c -> assertThat(c.hasDictionaryPage()).isFalse())
                .satisfies(c -> assertThat(c.getStatistics().isEmpty()).isTrue());
        assertThat(columns).filteredOn(c -> c.getPath().toDotString().equals("kafka_offset")).singleElement()
                .satisfies(c -> assertThat(c.hasDictionaryPage()).isFalse());
        for (String free : List.of("page_url", "referrer", "user_agent")) {
            assertThat(columns).filteredOn(c -> c.getPath().toDotString().equals(free)).singleElement()
                    .satisfies(c -> assertThat(c.getStatistics().hasNonNullValue()).as(free).isFalse());
        }
        assertThat(columns).filteredOn(c -> c.getPath().toDotString().equals("event_type")).singleElement()
                .satisfies(c -> assertThat(c.getStatistics().hasNonNullValue()).as("event_type keeps min/max").isTrue());
        // Repetitive columns keep their dictionary: that is where the lake's compression comes from.
        assertThat(columns).filteredOn(c -> c.getPath().toDotString().equals("user_agent")).singleElement()
                .satisfies(c -> assertThat(c.hasDictionaryPage()).isTrue());
    }

    /** Row i of a busy partition: sessions of four events, 64 at a time interleaved, with their user and IP. */
    private static ClickEvent sessionEvent(int i) {
        int s = i % 64 + 64 * (i / 256);
        return new ClickEvent("e-" + i, "user-" + s + "-" + "u".repeat(30), "session-" + s + "-" + "s".repeat(27),
                EventType.PAGE_VIEW, EVENT_TIME.plusMillis(i), Events.PAGE_URL, null, "10.0." + (s / 250) + "." + (s % 250),
                null, "Mozilla/5.0", "mobile");
    }

    @Test
    void stringDictionariesAreCountedInTheBufferedBytes() {
        var writer = new EventFileWriter(dir.resolve("dictionaries.parquet"), ZSTD);
        for (int i = 0; i < 20_000; i++) {
            writer.write(sessionEvent(i), INGESTED, 0, i);
        }

        // Nothing is on disk yet: beyond the overhead and the pages, the user and session dictionaries of 5,000
        // values of 40 bytes each (and more) are counted.
        long dictionaries = writer.bufferedBytes() - EventFileWriter.openFileOverheadBytes(ZSTD) - writer.dataSize();
        assertThat(dictionaries).isGreaterThan(2 * 5_000 * 40);
        writer.close();
    }

    @Test
    void valuesPastADictionaryThatOverflowedReadBackInOrder() {
        Path file = dir.resolve("overflow.parquet");
        // 64 KB pages and id dictionaries of 64 KB: 5,000 sessions overflow them after a few pages.
        var writer = new EventFileWriter(file, new ParquetSettings("zstd", 32L << 20, 64 * 1024, 64 * 1024));
        for (int i = 0; i < 20_000; i++) {
            writer.write(sessionEvent(i), INGESTED, 0, i);
        }
        writer.finish();

        List<GenericRecord> rows = ParquetFiles.rows(file);
        assertThat(rows).hasSize(20_000);
        for (int i = 0; i < rows.size(); i++) {
            ClickEvent expected = sessionEvent(i);
            assertThat(text(rows.get(i).get("session_id"))).isEqualTo(expected.sessionId());
            assertThat(text(rows.get(i).get("user_id"))).isEqualTo(expected.userId());
            assertThat(text(rows.get(i).get("ip_address"))).isEqualTo(expected.ipAddress());
        }
        var sessionChunk = ParquetFiles.footer(file).getBlocks().get(0).getColumns().stream()
                .filter(c -> c.getPath().toDotString().equals("session_id")).findFirst().orElseThrow();
        assertThat(sessionChunk.getEncodings()).contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY,
                org.apache.parquet.column.Encoding.PLAIN);
    }

    @Test
    void userSessionAndIpDictionariesGrowPastAPageUpToTheirOwnCap() {
        Path file = dir.resolve("ids.parquet");
        // 5,000 sessions of 40-byte ids: 200 KB of dictionary, past the 64 KB page but within the 1 MB id cap.
        var writer = new EventFileWriter(file, new ParquetSettings("zstd", 32L << 20, 64 * 1024, 1 << 20));
        for (int i = 0; i < 20_000; i++) {
            writer.write(sessionEvent(i), INGESTED, 0, i);
        }
        writer.finish();

        var columns = ParquetFiles.footer(file).getBlocks().get(0).getColumns();
        for (String id : List.of("user_id", "session_id", "ip_address")) {
            assertThat(columns).filteredOn(c -> c.getPath().toDotString().equals(id)).singleElement()
                    .satisfies(c -> assertThat(c.hasDictionaryPage()).as(id).isTrue())
                    .satisfies(c -> assertThat(c.getEncodings()).as(id)
                            .doesNotContain(org.apache.parquet.column.Encoding.PLAIN));
        }
        List<GenericRecord> rows = ParquetFiles.rows(file);
        assertThat(rows).hasSize(20_000);
        assertThat(text(rows.get(19_999).get("session_id"))).isEqualTo(sessionEvent(19_999).sessionId());
        // The id cap is for those three columns only: event_id stays plain, as ever.
        assertThat(columns).filteredOn(c -> c.getPath().toDotString().equals("event_id")).singleElement()
                .satisfies(c -> assertThat(c.hasDictionaryPage()).isFalse());
    }

    @Test
    void anIdCapBelowAPageIsRaisedToAPage() {
        assertThat(EventFileWriter.idDictionaries(new ParquetSettings("zstd", 32L << 20, 256 * 1024, 4 * 1024)))
                .containsOnlyKeys("user_id", "session_id", "ip_address").containsValue(256 * 1024);
        assertThat(EventFileWriter.idDictionaries(new ParquetSettings("zstd", 32L << 20, 256 * 1024)))
                .containsValue(2 << 20);
    }
}
