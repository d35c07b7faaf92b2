package io.clickstream.consumer.generation;

import io.clickstream.consumer.layout.FileStart;
import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.route.RecordRouter.Route;
import java.time.Instant;

/** One hour's Parquet file of a generation while it is written: its key is fixed by its first record. */
final class LakeFile {
    private final FileStart start;
    private final String key;
    private final EventFileWriter writer;
    private long lastOffset;
    private Instant minEventTime;
    private Instant maxEventTime;

    LakeFile(FileStart start, String key, EventFileWriter writer) {
        this.start = start;
        this.key = key;
        this.writer = writer;
    }

    void append(Route.Row row, long offset) {
        writer.write(row.event(), row.source(), row.ingestedAt(), start.partition().partition(), offset);
        lastOffset = offset;
        Instant eventTime = row.event().timestamp();
        if (minEventTime == null || eventTime.isBefore(minEventTime)) {
            minEventTime = eventTime;
        }
        if (maxEventTime == null || eventTime.isAfter(maxEventTime)) {
            maxEventTime = eventTime;
        }
    }

    long rows() {
        return writer.rows();
    }

    /** Encoded size so far, in the file and in memory. */
    long dataSize() {
        return writer.dataSize();
    }

    long bufferedBytes() {
        return writer.bufferedBytes();
    }

    /** Writes the footer: the spool file is then complete. */
    SealedFile seal() {
        long bytes = writer.finish();
        return new SealedFile(start, key, writer.path(), writer.rows(), bytes, lastOffset, minEventTime, maxEventTime);
    }

    /** Closes the writer and deletes the spool file; nothing is published. */
    void discard() {
        writer.close();
    }
}
