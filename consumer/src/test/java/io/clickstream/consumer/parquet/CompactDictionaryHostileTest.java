package io.clickstream.consumer.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.event.EventType;
import io.clickstream.consumer.testing.ParquetFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.hadoop.LakeParquetWriters;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile cases for the compact string dictionaries that their own tests leave out: whole files (many row
 * groups, fallbacks mid-chunk, empty, 4-byte UTF-8 and megabyte values) byte for byte against parquet-java's
 * own dictionary writer, values at and past the cap, megabyte values, millions of distinct values, the heap
 * count read from another thread while the arrays grow, and the count after a row group is flushed.
 */
class CompactDictionaryHostileTest {
    private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();
    private static final Instant T0 = Instant.parse("2026-01-19T10:15:30.123Z");

    @TempDir
    Path dir;

    // ---- whole files against parquet-java's writer ------------------------------------------------------------

    /** {@link LakeValuesWriterFactory} with parquet-java's dictionary writer where it puts the compact one. */
    private static final class ParquetsDictionaries implements ValuesWriterFactory {
        private final ValuesWriterFactory defaults = new DefaultV1ValuesWriterFactory();
        private final Map<String, Integer> caps;
        private ParquetProperties properties;

        ParquetsDictionaries(Map<String, Integer> caps) {
            this.caps = caps;
        }

        @Override
        public void initialize(ParquetProperties parquetProperties) {
            properties = parquetProperties;
            defaults.initialize(parquetProperties);
        }

        @Override
        public ValuesWriter newValuesWriter(ColumnDescriptor column) {
            if (column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
                    || !properties.isDictionaryEnabled(column)) {
                return defaults.newValuesWriter(column);
            }
            String name = String.join(".", column.getPath());
            return FallbackValuesWriter.of(new PlainBinaryDictionaryValuesWriter(
                    caps.getOrDefault(name, properties.getDictionaryPageSizeThreshold()), Encoding.PLAIN_DICTIONARY,
                    Encoding.PLAIN_DICTIONARY, properties.getAllocator()), new PlainValuesWriter(
                    properties.getInitialSlabSize(), properties.getPageSizeThreshold(), properties.getAllocator()));
        }
    }

    private static void write(Path file, ValuesWriterFactory factory, int page, long rowGroup, CompressionCodecName codec,
            List<ClickEvent> events) throws IOException {
        try (ParquetWriter<LakeRow> writer = LakeParquetWriters.open(new LocalOutputFile(file), Mode.OVERWRITE,
                new LakeRowWriteSupport(), codec, PlainCodecs.INSTANCE, rowGroup, EventFileWriter.properties(factory, page))) {
            for (int i = 0; i < events.size(); i++) {
                writer.write(new LakeRow(events.get(i), null, T0, 7, i));
            }
        }
    }

    private static String uuid(SplittableRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /**
     * Rows whose string columns go through every path: repeats that keep a dictionary, a stretch of distinct
     * values that overflows it mid-chunk, empty values, 4-byte UTF-8, nulls, and now and then a value of
     * hundreds of kilobytes (past any cap here: in a first page or after pages that used the dictionary).
     */
    private static List<ClickEvent> hostileRows(int n, long seed) {
        var random = new SplittableRandom(seed);
        String huge = "h".repeat(300_000);
        List<ClickEvent> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int phase = (i / 5_000) % 4;
            String user = switch (phase) {
                case 0 -> "user-" + random.nextInt(40);
                case 1 -> uuid(random);
                case 2 -> i % 7 == 0 ? "" : "\uD835\uDD18\uD835\uDD30er-\uD83D\uDE00-" + random.nextInt(300);
                default -> i % 3 == 0 ? uuid(random) : "u" + random.nextInt(2_000);
            };
            if (i % 4_999 == 17) {
                user = huge + i;
            }
            String session = phase == 1 ? "s-" + random.nextInt(200) : uuid(random).substring(0, 1 + random.nextInt(36));
            String ip = i % 11 == 0 ? null : i % 13 == 0 ? "" : phase == 3
                    ? "2001:db8:" + Integer.toHexString(random.nextInt(65_536)) + "::" + Integer.toHexString(i)
                    : "10.0." + random.nextInt(4) + "." + random.nextInt(250);
            String url = i % 9_001 == 5 ? huge + "/u" + i : "https://shop.example.com/p/" + random.nextInt(phase == 1 ? 5_000 : 30);
            String agent = i % 2 == 0 ? "Mozilla/5.0 \u00e9\u00fc\u6771\u4eac" : "";
            rows.add(new ClickEvent(i % 5 == 0 ? null : "e-" + i, user, session, EventType.values()[i % EventType.values().length],
                    T0.plusMillis(i), url, i % 3 == 0 ? null : (long) random.nextInt(100), ip,
                    i % 17 == 0 ? "https://ref.example/" + random.nextInt(3) : null, agent, i % 4 == 0 ? "" : "mobile"));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}, pages {1} B, row groups {2} B")
    @CsvSource({"UNCOMPRESSED, 8192, 262144", "ZSTD, 8192, 1048576", "ZSTD, 65536, 33554432"})
    void wholeFilesAreByteForByteParquetsOwnAcrossRowGroupsFallbacksAndOddValues(CompressionCodecName codec, int page,
            long rowGroup) throws IOException {
        List<ClickEvent> rows = hostileRows(40_000, 11);
        // Every string column capped at a page (what parquet-java's own factory does).
        Path ours = dir.resolve("ours.parquet");
        Path theirs = dir.resolve("theirs.parquet");
        write(ours, new LakeValuesWriterFactory(Map.of()), page, rowGroup, codec, rows);
        write(theirs, new DefaultV1ValuesWriterFactory(), page, rowGroup, codec, rows);
        assertThat(ParquetFiles.footer(ours).getBlocks().size()).as("row groups").isGreaterThan(rowGroup > 1 << 18 ? 0 : 2);
        assertThat(Files.readAllBytes(ours)).as("file against parquet-java's factory").isEqualTo(Files.readAllBytes(theirs));

        // The id columns with caps of their own, as EventFileWriter gives them.
        Map<String, Integer> caps = Map.of(EventFields.USER_ID, 64 * 1024, EventFields.SESSION_ID, 64 * 1024,
                EventFields.IP_ADDRESS, 64 * 1024);
        write(ours, new LakeValuesWriterFactory(caps), page, rowGroup, codec, rows);
        write(theirs, new ParquetsDictionaries(caps), page, rowGroup, codec, rows);
        assertThat(Files.readAllBytes(ours)).as("file against parquet-java's dictionaries with id caps")
                .isEqualTo(Files.readAllBytes(theirs));

        List<GenericRecord> back = ParquetFiles.rows(ours);
        assertThat(back).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ClickEvent expected = rows.get(i);
            GenericRecord row = back.get(i);
            assertThat(String.valueOf(row.get("user_id"))).as("user_id %d", i).isEqualTo(expected.userId());
            assertThat(String.valueOf(row.get("session_id"))).as("session_id %d", i).isEqualTo(expected.sessionId());
            assertThat(row.get("ip_address") == null ? null : row.get("ip_address").toString()).as("ip %d", i)
                    .isEqualTo(expected.ipAddress());
            assertThat(String.valueOf(row.get("page_url"))).as("page_url %d", i).isEqualTo(expected.pageUrl());
            assertThat(String.valueOf(row.get("device"))).as("device %d", i).isEqualTo(String.valueOf(expected.device()));
        }
    }

    // ---- one column against parquet-java's writer ---------------------------------------------------------------

    /** Ours and parquet-java's, each behind the fallback wrapper, fed the same values; pages compared as written. */
    private static final class Pair {
        final CompactBinaryDictionaryWriter compact;
        final ValuesWriter ours;
        final ValuesWriter theirs;
        final List<Encoding> encodings = new ArrayList<>();

        Pair(int maxDictionaryBytes) {
            compact = new CompactBinaryDictionaryWriter(maxDictionaryBytes, HEAP);
            ours = FallbackValuesWriter.of(compact, new PlainValuesWriter(1024, 1 << 20, HEAP));
            theirs = FallbackValuesWriter.of(new PlainBinaryDictionaryValuesWriter(maxDictionaryBytes,
                    Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, HEAP), new PlainValuesWriter(1024, 1 << 20, HEAP));
        }

        void write(Binary value) {
            ours.writeBytes(value);
            theirs.writeBytes(value);
        }

        void write(String value) {
            write(Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8)));
        }

        Encoding page() throws IOException {
            assertThat(ours.getBufferedSize()).isEqualTo(theirs.getBufferedSize());
            assertThat(ours.getBytes().toByteArray()).isEqualTo(theirs.getBytes().toByteArray());
            Encoding encoding = ours.getEncoding();
            assertThat(encoding).isEqualTo(theirs.getEncoding());
            ours.reset();
            theirs.reset();
            encodings.add(encoding);
            return encoding;
        }

        /** Ends the chunk as a column writer does: the dictionary page if any, and the reset only then. */
        DictionaryPage chunk() throws IOException {
            DictionaryPage mine = ours.toDictPageAndClose();
            DictionaryPage parquets = theirs.toDictPageAndClose();
            if (parquets == null) {
                assertThat(mine).isNull();
                return null;
            }
            assertThat(mine).isNotNull();
            assertThat(mine.getDictionarySize()).isEqualTo(parquets.getDictionarySize());
            byte[] bytes = mine.getBytes().toByteArray();
            assertThat(bytes).isEqualTo(parquets.getBytes().toByteArray());
            ours.resetDictionary();
            theirs.resetDictionary();
            return mine;
        }
    }

    @Test
    void aDictionaryExactlyAtItsCapStaysAndOneByteMoreFallsBackLikeParquets() throws IOException {
        // 100 values of 4 + 6 bytes: exactly 1,000 bytes of dictionary.
        var atCap = new Pair(1_000);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                atCap.write(String.format("v-%04d", i));
            }
        }
        assertThat(atCap.page()).isEqualTo(Encoding.PLAIN_DICTIONARY);
        assertThat(atCap.chunk().getDictionarySize()).isEqualTo(100);

        var pastCap = new Pair(999);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                pastCap.write(String.format("v-%04d", i));
            }
        }
        assertThat(pastCap.page()).isEqualTo(Encoding.PLAIN);
        assertThat(pastCap.chunk()).isNull();
    }

    @Test
    void aMegabyteValueAfterPagesThatUsedTheDictionaryFallsBackLikeParquetsAndIsCountedUntilTheChunkEnds()
            throws IOException {
        var pair = new Pair(256 * 1024);
        for (int page = 0; page < 3; page++) {
            for (int i = 0; i < 2_000; i++) {
                pair.write("session-" + i % 100);
            }
            assertThat(pair.page()).isEqualTo(Encoding.PLAIN_DICTIONARY);
        }
        pair.write("session-1");
        pair.write("\uD83D\uDE00".repeat(2 << 20)); // 8 MB of 4-byte UTF-8
        pair.write("session-2");
        assertThat(pair.page()).isEqualTo(Encoding.PLAIN);
        // Held (as parquet-java holds its copy) until the dictionary page is written, and counted meanwhile.
        assertThat(pair.compact.heapBytes()).isGreaterThan(8L << 20);
        pair.write("");
        assertThat(pair.page()).isEqualTo(Encoding.PLAIN);
        assertThat(pair.chunk().getDictionarySize()).isEqualTo(100);
        assertThat(pair.compact.heapBytes()).isLessThan(4 * 1024);
    }

    @Test
    void aMegabyteValueInTheFirstPageIsDroppedAtOnceWithTheDictionary() throws IOException {
        var pair = new Pair(1 << 20);
        pair.write("a");
        pair.write("x".repeat(4 << 20));
        assertThat(pair.compact.heapBytes()).as("dropped at the fallback, not at the chunk's end").isLessThan(4 * 1024);
        pair.write("a");
        assertThat(pair.page()).isEqualTo(Encoding.PLAIN);
        assertThat(pair.chunk()).isNull();
    }

    @Test
    void millionsOfDistinctValuesFillA64MbDictionaryThenFallBackLikeParquets() throws IOException {
        var pair = new Pair(64 << 20);
        var random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            pair.write("r" + i % 10);
        }
        assertThat(pair.page()).isEqualTo(Encoding.PLAIN_DICTIONARY);
        // 64-byte values: 68 bytes of dictionary each, so the 64 MB cap falls at the 986,896th.
        byte[] value = new byte[64];
        long maxHeap = 0;
        for (int i = 0; i < 1_100_000; i++) {
            for (int b = 0; b < 64; b += 8) {
                long bits = random.nextLong();
                for (int k = 0; k < 8; k++) {
                    value[b + k] = (byte) ('a' + ((bits >>> (8 * k)) & 15));
                }
            }
            pair.write(Binary.fromReusedByteArray(value));
            maxHeap = Math.max(maxHeap, pair.compact.heapBytes());
            if (i % 50_000 == 49_999) {
                pair.page();
            }
        }
        pair.page();
        assertThat(pair.encodings).startsWith(Encoding.PLAIN_DICTIONARY).endsWith(Encoding.PLAIN).contains(Encoding.PLAIN);
        DictionaryPage dictionary = pair.chunk();
        assertThat(dictionary.getDictionarySize()).isGreaterThan(10);
        System.out.printf("64 MB cap: %d ids in the dictionary page, heap at most %.1f MB%n",
                dictionary.getDictionarySize(), maxHeap / 1048576.0);
        assertThat(maxHeap).isBetween(64L << 20, 3 * (64L << 20));
    }

    // ---- the heap count ----------------------------------------------------------------------------------------

    @Test
    void theHeapCountIsReadFromAnotherThreadWhileTheArraysGrowWithoutFailing() throws Exception {
        var dictionary = new CompactBinaryDictionaryWriter(64 << 20, HEAP);
        var writer = FallbackValuesWriter.of(dictionary, new PlainValuesWriter(1024, 1 << 20, HEAP));
        var factory = new LakeValuesWriterFactory(Map.of());
        var done = new AtomicBoolean();
        var failure = new AtomicReference<Throwable>();
        long[] reads = new long[1];
        Thread reader = new Thread(() -> {
            try {
                long last = 0;
                while (!done.get()) {
                    long now = dictionary.heapBytes();
                    assertThat(now).isPositive();
                    last = Math.max(last, now);
                    factory.dictionaryHeapBytes();
                    reads[0]++;
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        var random = new SplittableRandom(9);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 400_000; i++) {
                writer.writeBytes(Binary.fromString(round + "-" + random.nextLong()));
                if (i % 20_000 == 0) {
                    writer.getBytes();
                    writer.getEncoding();
                    writer.reset();
                }
            }
            writer.getBytes();
            writer.getEncoding();
            writer.reset();
            writer.toDictPageAndClose();
            writer.resetDictionary();
        }
        done.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(reads[0]).isPositive();
    }

    @Test
    void theDictionariesCountDropsWhenARowGroupIsFlushed() {
        var writer = new EventFileWriter(dir.resolve("rowgroups.parquet"),
                new ParquetSettings("zstd", 64 * 1024, 8 * 1024, 8L << 20));
        var random = new SplittableRandom(4);
        long overhead = EventFileWriter.openFileOverheadBytes(new ParquetSettings("zstd", 64 * 1024, 8 * 1024));
        List<Long> dictionaryCounts = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        for (int s = 0; s < 4_000; s++) {
            sessions.add(uuid(random));
        }
        long onDiskBefore = 0;
        for (int i = 0; i < 60_000; i++) {
            String session = sessions.get(random.nextInt(sessions.size()));
            writer.write(new ClickEvent("e-" + i, session, session, EventType.PAGE_VIEW, T0.plusMillis(i),
                    "https://shop.example.com/", null, "10.1.1.1", null, "UA", "mobile"), T0, 0, i);
            long dictionaries = writer.bufferedBytes() - overhead - Math.max(0, writer.dataSize() - onDisk(writer));
            dictionaryCounts.add(dictionaries);
        }
        writer.finish();
        long peak = dictionaryCounts.stream().mapToLong(Long::longValue).max().orElseThrow();
        // After each row group flush the count starts again from a few empty dictionaries.
        long drops = 0;
        for (int i = 1; i < dictionaryCounts.size(); i++) {
            if (dictionaryCounts.get(i) < dictionaryCounts.get(i - 1) / 4) {
                drops++;
            }
        }
        System.out.printf("dictionaries: peak %.1f KB, %d drops%n", peak / 1024.0, drops);
        assertThat(peak).isGreaterThan(2 * 500 * 40);
        assertThat(drops).isGreaterThan(2);
    }

    private static long onDisk(EventFileWriter writer) {
        try {
            var field = EventFileWriter.class.getDeclaredField("output");
            field.setAccessible(true);
            return ((CountingOutputFile) field.get(writer)).bytesOnDisk();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
