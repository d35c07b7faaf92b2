package io.clickstream.consumer.parquet;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.validation.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.hadoop.LakeParquetWriters;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * One Parquet file being written to a local spool file, row by row as records arrive (so memory
 * holds encoded, compressed pages, not a list of events). No Hadoop file system is involved.
 *
 * <p>{@link #finish()} completes the file; it never publishes anything. Publishing is the
 * uploader's explicit job, so an exception here cannot leave a truncated object in S3.
 */
public final class EventFileWriter implements AutoCloseable {
    private final Path path;
    private final ParquetWriter<LakeRow> writer;
    private final CountingOutputFile output;
    private final LakeValuesWriterFactory encoders;
    private final long overheadBytes;
    private long rows;
    private boolean finished;

    public EventFileWriter(Path path, ParquetSettings settings) {
        this.path = path;
        this.overheadBytes = openFileOverheadBytes(settings);
        try {
            this.output = new CountingOutputFile(new LocalOutputFile(path));
            this.encoders = new LakeValuesWriterFactory(idDictionaries(settings));
            ParquetProperties properties = properties(encoders, (int) settings.pageBytes());
            // A plain configuration spares a Hadoop Configuration per file (4x faster opens); compression without
            // Hadoop's codecs: the jar then needs no hadoop-client-runtime.
            this.writer = LakeParquetWriters.open(output, Mode.OVERWRITE, new LakeRowWriteSupport(), settings.codec(),
                    PlainCodecs.INSTANCE, settings.rowGroupBytes(), properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Parquet file " + path, e);
        }
    }

    /**
     * The columns whose values repeat for every event of a session get a dictionary of their own size (at least a
     * page): a file of a busy partition holds tens of thousands of sessions, interleaved, each a few times. With the
     * one-page cap these columns fell back to plain encoding within the first tens of thousands of rows, and plain
     * random ids compress to about 20 bytes a row where a dictionary id takes 2 (with the value once per session):
     * on the bench's 2,000,000 events (12 files of 168,000 rows, 33,800 sessions each), 2 MB takes the lake from
     * 106.2 MB to 85.0 MB (session_id and user_id 20.4 to 11.5 MB each, ip_address 10.3 to 6.9 MB); 1 MB gives
     * 90.1 MB. Held as {@link CompactBinaryDictionaryWriter}s, these dictionaries are counted in
     * {@link #bufferedBytes()}.
     */
    static Map<String, Integer> idDictionaries(ParquetSettings settings) {
        int bytes = (int) Math.max(settings.pageBytes(), settings.idDictionaryBytes());
        return Map.of(EventFields.USER_ID, bytes, EventFields.SESSION_ID, bytes, EventFields.IP_ADDRESS, bytes);
    }

    public void write(ClickEvent event, Instant ingestedAt, int partition, long offset) {
        write(event, null, ingestedAt, partition, offset);
    }

    /** @param source where the event's strings lie in its record, as UTF-8, or {@code null} (they are encoded here) */
    public void write(ClickEvent event, SourceText source, Instant ingestedAt, int partition, long offset) {
        try {
            writer.write(new LakeRow(event, source, ingestedAt, partition, offset));
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to Parquet file " + path, e);
        }
    }

    public long rows() {
        return rows;
    }

    /** Encoded size so far: bytes already in the file plus pages buffered in memory. */
    public long dataSize() {
        return writer.getDataSize();
    }

    /**
     * An open writer's own heap before its pages fill: dictionaries and column writers for 14
     * columns, plus the compressor's output buffer of one page. Measured on parquet-java 1.18 with
     * one row per file (heap after GC / open writers): 2,327 KB at 1 MB pages, 541 KB at 256 KB,
     * 409 KB at 128 KB, i.e. about 300 KB + one to two pages. Counted against the buffer budget so
     * that thousands of nearly empty files (many partitions times many hours) cannot exhaust the
     * heap while their encoded bytes look tiny.
     */
    public static long openFileOverheadBytes(ParquetSettings settings) {
        return 320 * 1024 + 2 * settings.pageBytes();
    }

    /**
     * Bytes held in memory: encoded pages of the open row group, the string columns' dictionaries and the writer's
     * overhead. What the budget counts.
     */
    public long bufferedBytes() {
        return overheadBytes + Math.max(0, writer.getDataSize() - output.bytesOnDisk()) + encoders.dictionaryHeapBytes();
    }

    /** Writes the footer and closes the file; afterwards {@link #path()} holds a complete Parquet file. */
    public long finish() {
        try {
            writer.close();
            finished = true;
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish Parquet file " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Abandons the file: closes the writer if needed and deletes the spool file. Never publishes. */
    @Override
    public void close() {
        try {
            if (!finished) {
                writer.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // Being discarded anyway; the delete below is what matters.
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A leftover spool file is harmless; the spool folder is cleaned at start-up.
            }
        }
    }

    /** The lake's Parquet properties: which columns get dictionaries and statistics, and the page size. */
    static ParquetProperties properties(ValuesWriterFactory encoders, int pageBytes) {
        return ParquetProperties.builder()
                .withValuesWriterFactory(encoders)
                .withDictionaryEncoding(true)
                // Unique per row: a dictionary would only grow (hashing every value, holding them all on
                // the heap) until it overflows and is thrown away; min/max of random ids prune nothing.
                .withDictionaryEncoding(EventFields.EVENT_ID, false)
                .withStatisticsEnabled(EventFields.EVENT_ID, false)
                .withDictionaryEncoding(EventFields.KAFKA_OFFSET, false)
                // Min/max of URLs and user agents prune nothing either; comparing every value costs 5%.
                .withStatisticsEnabled(EventFields.PAGE_URL, false)
                .withStatisticsEnabled(EventFields.REFERRER, false)
                .withStatisticsEnabled(EventFields.USER_AGENT, false)
                .withPageSize(pageBytes)
                // A dictionary of numbers lives on the heap as parquet-java's hash map, which the budget does
                // not see: cap it at a page (not parquet's 1 MB), so a column with many distinct values falls
                // back to plain encoding early instead of holding megabytes per open file. String
                // dictionaries (LakeValuesWriterFactory) are counted in bufferedBytes().
                .withDictionaryPageSize(pageBytes)
                .build();
    }
}
