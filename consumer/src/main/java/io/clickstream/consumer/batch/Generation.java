package io.clickstream.consumer.batch;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.s3.FileId;
import io.clickstream.consumer.s3.ObjectKeyLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What one Kafka partition consumed since its last commit: one open Parquet file per hour (and per
 * late/on-time), the dead-letter sends not yet committed past, and the offset range covered.
 *
 * <p>A generation is closed as a whole: all its files are sealed together, uploaded, and then the
 * offset after its last record is committed. Closing only some hours would leave a file open with
 * records below the commit point, and a replay would then split those records into a new key.
 */
public final class Generation {
    private final TopicPartition partition;
    private final ObjectKeyLayout layout;
    private final ParquetSettings parquet;
    private final Path spoolDir;
    private final Map<HourSlot, OpenFile> files = new LinkedHashMap<>();
    private final List<Future<RecordMetadata>> deadLetters = new ArrayList<>();
    private final long startOffset;
    private final long firstRecordAtMillis;
    private long nextOffset;

    private record HourSlot(Instant hour, boolean late) {
    }

    private static final class OpenFile {
        final FileId id;
        final EventFileWriter writer;
        long lastOffset;

        OpenFile(FileId id, EventFileWriter writer) {
            this.id = id;
            this.writer = writer;
        }
    }

    public Generation(TopicPartition partition, long startOffset, long nowMillis, ObjectKeyLayout layout,
            ParquetSettings parquet, Path spoolDir) {
        this.partition = partition;
        this.startOffset = startOffset;
        this.nextOffset = startOffset;
        this.firstRecordAtMillis = nowMillis;
        this.layout = layout;
        this.parquet = parquet;
        this.spoolDir = spoolDir;
    }

    /** Appends a valid row to the file of its hour, opening that file if this is the hour's first record. */
    public void append(ClickEvent event, Instant ingestedAt, Instant hourSource, boolean late, long offset) {
        var slot = new HourSlot(ObjectKeyLayout.hourOf(hourSource), late);
        OpenFile file = files.get(slot);
        if (file == null) {
            // Named by the same time that picks the hour folder: Kafka time, or the event's own time with
            // PARTITION_TIME=event, so a file's name never contradicts its folder.
            var id = new FileId(slot.hour(), late, hourSource, partition.topic(), partition.partition(), offset);
            Path path = spoolDir.resolve(partition.topic() + "-" + partition.partition() + "-" + offset + "-"
                    + UUID.randomUUID() + ".parquet");
            file = new OpenFile(id, new EventFileWriter(path, parquet));
            files.put(slot, file);
        }
        file.writer.write(event, ingestedAt, partition.partition(), offset);
        file.lastOffset = offset;
        advance(offset);
    }

    /** True when a row of this hour would open a file (which costs memory at once): its hour's first row. */
    public boolean needsNewFile(Instant hourSource, boolean late) {
        return !files.containsKey(new HourSlot(ObjectKeyLayout.hourOf(hourSource), late));
    }

    /** A dead-lettered record: the generation may commit past it only once the send is acknowledged. */
    public void deadLettered(Future<RecordMetadata> send, long offset) {
        deadLetters.add(send);
        advance(offset);
    }

    /** A record that was logged and skipped. */
    public void skipped(long offset) {
        advance(offset);
    }

    private void advance(long offset) {
        nextOffset = Math.max(nextOffset, offset + 1);
    }

    public boolean isEmpty() {
        return nextOffset == startOffset;
    }

    public long bufferedBytes() {
        long sum = 0;
        for (OpenFile f : files.values()) {
            sum += f.writer.bufferedBytes();
        }
        return sum;
    }

    public int openFiles() {
        return files.size();
    }

    public long largestFileRows() {
        return files.values().stream().mapToLong(f -> f.writer.rows()).max().orElse(0);
    }

    public long largestFileBytes() {
        return files.values().stream().mapToLong(f -> f.writer.dataSize()).max().orElse(0);
    }

    public BatchLimits.CloseReason check(BatchLimits limits, long nowMillis) {
        if (isEmpty()) {
            return BatchLimits.CloseReason.NONE;
        }
        return limits.check(largestFileRows(), largestFileBytes(), nowMillis - firstRecordAtMillis);
    }

    /** Offset of the first record this generation holds: where a replay of it starts. */
    public long startOffset() {
        return startOffset;
    }

    public long firstRecordAtMillis() {
        return firstRecordAtMillis;
    }

    public TopicPartition partition() {
        return partition;
    }

    /** Seals every file (footer written, writer closed) and hands the lot over for upload. */
    public ClosedGeneration close() {
        var sealed = new ArrayList<SealedFile>(files.size());
        try {
            for (OpenFile f : files.values()) {
                long bytes = f.writer.finish();
                sealed.add(new SealedFile(f.id, layout.key(f.id), f.writer.path(), f.writer.rows(), bytes,
                        f.id.firstOffset(), f.lastOffset));
            }
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
        files.clear();
        return new ClosedGeneration(partition, startOffset, nextOffset, sealed, deadLetters, firstRecordAtMillis);
    }

    /** Drops everything (files deleted, nothing published); the records will be replayed from the last commit. */
    public void discard() {
        for (OpenFile f : files.values()) {
            f.writer.close();
        }
        files.clear();
    }
}
