package io.clickstream.sandbox.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.parquet.ParquetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The consumer's writer with every PARQUET_COMPRESSION, on this module's class path, which has Hadoop's API jar
 * but not its runtime (the consumer's jar has neither more nor less): the files are written, and DuckDB, an
 * independent reader, reads them back whole and names their codec.
 */
class ParquetCodecsTest {
    private static final Instant T0 = Instant.parse("2026-01-19T10:15:30.123Z");
    private static final int ROWS = 5_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zstd, ZSTD", "snappy, SNAPPY", "gzip, GZIP", "uncompressed, UNCOMPRESSED"})
    void everyCompressionIsWrittenWithoutHadoopsRuntimeAndReadBackByDuckDb(String compression, String duckDbName)
            throws Exception {
        Path root = dir.resolve(compression);
        Path file = root.resolve("year=2026/month=01/day=19/hour=10/events.parquet");
        Files.createDirectories(file.getParent());
        // finish(), not close(): close() abandons the file and deletes it.
        var writer = new EventFileWriter(file, new ParquetSettings(compression, 32L << 20, 8 * 1024));
        for (int i = 0; i < ROWS; i++) {
            writer.write(event(i), T0.plusMillis(i), 3, 1000 + i);
        }
        assertThat(writer.finish()).isPositive();

        try (var lake = new LakeQuery(root)) {
            assertThat(lake.scalar("SELECT count(*) FROM " + lake.source())).isEqualTo(ROWS);
            assertThat(lake.scalar("SELECT count(DISTINCT kafka_offset) FROM " + lake.source())).isEqualTo(ROWS);
            assertThat(lake.scalar("SELECT sum(product_id) FROM " + lake.source()))
                    .isEqualTo((long) ROWS * (ROWS - 1) / 2 + 101L * ROWS);
            List<List<Object>> codecs = lake.rows("SELECT DISTINCT compression FROM parquet_metadata('"
                    + file.toString().replace("'", "''") + "')");
            assertThat(codecs).containsExactly(List.of(duckDbName));
        }
    }

    /**
     * The id columns' dictionaries as readers meet them: one that holds a file's 5,120 sessions whole (past a page,
     * within PARQUET_ID_DICTIONARY_BYTES), and one that overflows into plain pages mid-chunk. DuckDB reads every
     * value back, and names the encodings: only v1 ones (PLAIN_DICTIONARY, PLAIN), nothing a Spark 3.0 reader lacks.
     */
    @ParameterizedTest(name = "id dictionary cap {0} bytes")
    @CsvSource({"2097152, false", "65536, true"})
    void idColumnsWithALargeOrAnOverflowingDictionaryReadBackByDuckDb(long idDictionaryBytes, boolean overflows)
            throws Exception {
        Path root = dir.resolve("ids-" + idDictionaryBytes);
        Path file = root.resolve("year=2026/month=01/day=19/hour=10/events.parquet");
        Files.createDirectories(file.getParent());
        var writer = new EventFileWriter(file, new ParquetSettings("zstd", 32L << 20, 64 * 1024, idDictionaryBytes));
        for (int i = 0; i < 20_480; i++) {
            writer.write(sessionEvent(i), T0.plusMillis(i), 3, i);
        }
        assertThat(writer.finish()).isPositive();

        try (var lake = new LakeQuery(root)) {
            assertThat(lake.scalar("SELECT count(DISTINCT session_id) FROM " + lake.source())).isEqualTo(5_120);
            // Every row's ids are those of its session (offset i is row i): none read back wrong or shifted.
            assertThat(lake.scalar("SELECT count(*) FROM " + lake.source() + " WHERE session_id = 'session-' || "
                    + "(kafka_offset % 64 + 64 * (kafka_offset // 256)) || '-" + "s".repeat(27) + "' AND user_id = "
                    + "'user-' || (kafka_offset % 64 + 64 * (kafka_offset // 256)) || '-" + "u".repeat(30) + "'"))
                    .isEqualTo(20_480);
            List<List<Object>> encodings = lake.rows("SELECT DISTINCT unnest(string_split(encodings, ', ')) FROM "
                    + "parquet_metadata('" + file.toString().replace("'", "''") + "') WHERE path_in_schema = 'session_id'");
            List<Object> names = encodings.stream().map(row -> row.get(0)).toList();
            assertThat(names).contains("PLAIN_DICTIONARY");
            assertThat(names.contains("PLAIN")).isEqualTo(overflows);
            List<List<Object>> all = lake.rows("SELECT DISTINCT encodings FROM parquet_metadata('"
                    + file.toString().replace("'", "''") + "')");
            assertThat(all.toString()).doesNotContain("DELTA").doesNotContain("BYTE_STREAM_SPLIT");
        }
    }

    /** Sessions of four events, 64 at a time interleaved, as a busy partition's records are in Kafka order. */
    private static ClickEvent sessionEvent(int i) {
        int s = i % 64 + 64 * (i / 256);
        return new ClickEvent("e-" + i, "user-" + s + "-" + "u".repeat(30), "session-" + s + "-" + "s".repeat(27),
                EventType.PAGE_VIEW, T0.plusMillis(i), "https://shop.example.com/", null,
                "10.0." + (s / 250) + "." + (s % 250), null, "Mozilla/5.0 (test)", "mobile");
    }

    @Test
    void theHadoopRuntimeIsNotOnThisClassPath() {
        // What makes the test above mean something: the shaded Woodstox parser Hadoop's Configuration needs.
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.shaded.com.ctc.wstx.stax.WstxInputFactory"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private static ClickEvent event(int i) {
        return new ClickEvent("e-" + i, "u-" + (i % 97), "s-" + (i % 31), EventType.VIEW_PRODUCT, T0.plusSeconds(i),
                "https://shop.example.com/p/" + (101 + i), 101L + i, "10.0.0." + (i % 250), null,
                "Mozilla/5.0 (test)", "mobile");
    }
}
