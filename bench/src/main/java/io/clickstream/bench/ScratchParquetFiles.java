package io.clickstream.bench;

import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.parquet.ParquetSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One Parquet file per JMH iteration in a temporary folder, deleted after: the plumbing of the write benchmarks. */
final class ScratchParquetFiles {
    /** The consumer's defaults: 32 MB row groups, 256 KB pages. */
    static final long ROW_GROUP_BYTES = 32L << 20;
    static final long PAGE_BYTES = 256L << 10;

    private final Path dir;
    private final ParquetSettings settings;
    private int opened;

    ScratchParquetFiles(String prefix, String compression) throws IOException {
        this.dir = Files.createTempDirectory(prefix);
        this.settings = new ParquetSettings(compression, ROW_GROUP_BYTES, PAGE_BYTES);
    }

    EventFileWriter open() {
        return new EventFileWriter(dir.resolve("bench-" + opened++ + ".parquet"), settings);
    }

    /** Writes the footer, deletes the file and returns its size. */
    long finishAndDelete(EventFileWriter writer) throws IOException {
        long bytes = writer.finish();
        Files.deleteIfExists(writer.path());
        return bytes;
    }

    void delete() throws IOException {
        Files.deleteIfExists(dir);
    }
}
