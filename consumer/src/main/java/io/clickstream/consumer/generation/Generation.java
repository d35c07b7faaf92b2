package io.clickstream.consumer.generation;

import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import io.clickstream.consumer.dlq.DeadLetter;
import io.clickstream.consumer.hours.Watermark;
import io.clickstream.consumer.layout.FileStart;
import io.clickstream.consumer.layout.HourFolder;
import io.clickstream.consumer.route.RecordRouter.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one Kafka partition consumed since its last commit: one open Parquet file per hour folder,
 * the dead-letter sends not yet committed past, and the offset range covered.
 *
 * <p>A generation is closed as a whole: all its files are sealed together, uploaded, and then the
 * offset after its last record is committed. Closing only some hours would leave a file open with
 * records below the commit point, and a replay would then split those records into a new key.
 */
public final class Generation {
    private final TopicPartition partition;
    private final LakeFiles lakeFiles;
    private final Map<HourFolder, LakeFile> files = new LinkedHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private long deadLetterBytes;
    private final long startOffset;
    private final long firstRecordAtMillis;
    private long nextOffset;
    /** The partition's watermark where this generation starts (restored with the commit it starts at), and now. */
    private final long startWatermark;
    private long watermark;
    private long newestTimestamp = -1;
    /** The grace the records were observed with; -1 when none was (the end watermark is then unbounded). */
    private long graceMillis = -1;

    public Generation(TopicPartition partition, long startOffset, long nowMillis, LakeFiles lakeFiles) {
        this(partition, startOffset, Watermark.NONE, nowMillis, lakeFiles);
    }

    public Generation(TopicPartition partition, long startOffset, long startWatermark, long nowMillis, LakeFiles lakeFiles) {
        this.partition = partition;
        this.startWatermark = startWatermark;
        this.watermark = startWatermark;
        this.startOffset = startOffset;
        this.nextOffset = startOffset;
        this.firstRecordAtMillis = nowMillis;
        this.lakeFiles = lakeFiles;
    }

    /** Appends a valid row to the file of its folder, opening that file if this is the folder's first row. */
    public void append(Route.Row row, long offset) {
        LakeFile file = files.get(row.folder());
        if (file == null) {
            file = lakeFiles.open(new FileStart(partition, offset, row.partitionTime(), row.late()));
            files.put(row.folder(), file);
        }
        file.append(row, offset);
        advance(offset);
    }

    /** True when a row of this folder would open a file (which costs memory at once): the folder's first row. */
    public boolean needsNewFile(HourFolder folder) {
        return !files.containsKey(folder);
    }

    /** A dead-lettered record: the generation may commit past it only once the send is acknowledged. */
    public void deadLettered(DeadLetter letter, long offset) {
        deadLetters.add(letter);
        deadLetterBytes += letter.heldBytes();
        advance(offset);
    }

    /** A record that was logged and skipped. */
    public void skipped(long offset) {
        advance(offset);
    }

    private void advance(long offset) {
        nextOffset = Math.max(nextOffset, offset + 1);
    }

    /** Every record taken, after its route was decided: its Kafka timestamp moves the watermark (without bound). */
    public void observe(long kafkaTimestampMillis) {
        observe(kafkaTimestampMillis, Long.MAX_VALUE / 4);
    }

    /**
     * Every record taken, after its route was decided: its Kafka timestamp moves the routing watermark, at most
     * {@code graceMillis} per record, and the newest timestamp seen. A generation that starts without a watermark
     * (a partition never committed with one) routes none as a straggler: a replay of it starts without one too.
     */
    public void observe(long kafkaTimestampMillis, long graceMillis) {
        this.graceMillis = graceMillis;
        newestTimestamp = Math.max(newestTimestamp, kafkaTimestampMillis);
        if (startWatermark != Watermark.NONE) {
            watermark = Watermark.advance(watermark, kafkaTimestampMillis, graceMillis);
        }
    }

    /**
     * The watermark the commit of this generation's end carries, and the next generation starts with: the routing
     * watermark (or the newest timestamp, for a generation that started without one), but never past the clock at
     * the generation's first record plus the grace. Records from a producer whose clock runs ahead therefore move
     * the committed watermark no further than the real time: they cannot seal the current hour beyond this
     * generation, nor complete an hour early. (The bound uses the clock, so it applies to the end only, which is
     * committed; the routing inside the generation depends on the records alone, as a replay needs.)
     */
    public long endWatermark() {
        long raw = startWatermark != Watermark.NONE ? watermark : newestTimestamp < 0 ? Watermark.NONE : newestTimestamp;
        if (raw == Watermark.NONE || graceMillis < 0) {
            return raw;
        }
        long bounded = Math.min(raw, firstRecordAtMillis + graceMillis);
        return startWatermark == Watermark.NONE ? bounded : Math.max(startWatermark, bounded);
    }

    /** The partition's watermark where this generation starts: where a replay of it starts too. */
    public long startWatermark() {
        return startWatermark;
    }

    /** The partition's watermark after the records taken so far: what decides whether the next is a straggler. */
    public long watermark() {
        return watermark;
    }

    public boolean isEmpty() {
        return nextOffset == startOffset;
    }

    /** Heap the budget counts: each open file's unwritten pages and overhead, and the records held as dead letters. */
    public long bufferedBytes() {
        long sum = deadLetterBytes;
        for (LakeFile f : files.values()) {
            sum += f.bufferedBytes();
        }
        return sum;
    }

    public int openFiles() {
        return files.size();
    }

    /** Which limit, if any, says this generation must close now. */
    public CloseReason check(BatchLimits limits, long nowMillis) {
        if (isEmpty()) {
            return CloseReason.NONE;
        }
        long largestRows = 0;
        long largestBytes = 0;
        for (LakeFile f : files.values()) {
            largestRows = Math.max(largestRows, f.rows());
            largestBytes = Math.max(largestBytes, f.dataSize());
        }
        return limits.check(largestRows, largestBytes, nowMillis - firstRecordAtMillis);
    }

    /** The offset after the last record taken: where the next generation starts. */
    public long nextOffset() {
        return nextOffset;
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
            for (LakeFile f : files.values()) {
                sealed.add(f.seal());
            }
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
        files.clear();
        return new ClosedGeneration(partition, startOffset, nextOffset, sealed, deadLetters, deadLetterBytes,
                firstRecordAtMillis, startWatermark, endWatermark());
    }

    /** Drops everything (files deleted, nothing published); the records will be replayed from the last commit. */
    public void discard() {
        for (LakeFile f : files.values()) {
            f.discard();
        }
        files.clear();
    }
}
