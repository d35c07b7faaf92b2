package io.clickstream.consumer.generation;

import io.clickstream.consumer.layout.FileStart;
import java.nio.file.Path;
import java.time.Instant;

/** A complete Parquet file in the spool folder, waiting to be uploaded under {@code key}. */
public record SealedFile(FileStart start, String key, Path path, long rows, long bytes, long lastOffset,
        Instant minEventTime, Instant maxEventTime) {

    /** A file whose event-time range is not known. */
    public SealedFile(FileStart start, String key, Path path, long rows, long bytes, long lastOffset) {
        this(start, key, path, rows, bytes, lastOffset, null, null);
    }

    public long firstOffset() {
        return start.offset();
    }
}
