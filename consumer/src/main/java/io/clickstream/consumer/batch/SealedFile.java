package io.clickstream.consumer.batch;

import io.clickstream.consumer.s3.FileId;
import java.nio.file.Path;

/** A complete Parquet file in the spool folder, waiting to be uploaded under {@code key}. */
public record SealedFile(FileId id, String key, Path path, long rows, long bytes, long firstOffset, long lastOffset) {
}
