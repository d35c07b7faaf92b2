package io.clickstream.consumer.generation;

import io.clickstream.consumer.layout.FileStart;
import java.nio.file.Path;

/** A complete Parquet file in the spool folder, waiting to be uploaded under {@code key}. */
public record SealedFile(FileStart start, String key, Path path, long rows, long bytes, long lastOffset) {

    public long firstOffset() {
        return start.offset();
    }
}
