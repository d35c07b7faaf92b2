package io.clickstream.consumer.generation;

import io.clickstream.consumer.layout.FileStart;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.parquet.ParquetSettings;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Opens the files generations write: a Parquet writer on a new spool file, under the key its first
 * record gives. The key layout, the Parquet settings and the spool folder reach no other class.
 */
public final class LakeFiles {
    private final ObjectKeyLayout layout;
    private final ParquetSettings parquet;
    private final Path spoolDir;

    public LakeFiles(ObjectKeyLayout layout, ParquetSettings parquet, Path spoolDir) {
        this.layout = layout;
        this.parquet = parquet;
        this.spoolDir = spoolDir;
    }

    LakeFile open(FileStart first) {
        // The random part keeps a replayed file from meeting a spool file of the same offsets still being uploaded.
        Path path = spoolDir.resolve(first.partition().topic() + "-" + first.partition().partition() + "-"
                + first.offset() + "-" + UUID.randomUUID() + ".parquet");
        return new LakeFile(first, layout.key(first), new EventFileWriter(path, parquet));
    }
}
