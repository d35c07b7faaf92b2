package io.clickstream.consumer.delivery;

import io.clickstream.consumer.hours.Watermark;

/**
 * Where a partition stands apart from its generations: the offset last committed (or found committed at
 * assignment; -1 when none is known), the watermark the next generation starts with (restored with the
 * committed offset, moved by each generation that closes, moved back to where dropped work began; see
 * {@link Watermark}), and when the partition last took a record or committed (a partition quiet since is idle).
 */
public final class PartitionProgress {
    private long watermark;
    private long committedOffset;
    private long lastActivityMillis;
    private final long graceMillis;

    PartitionProgress(long watermark, long committedOffset, long nowMillis, long graceMillis) {
        this.watermark = watermark;
        this.committedOffset = committedOffset;
        this.lastActivityMillis = nowMillis;
        this.graceMillis = graceMillis;
    }

    /**
     * The grace this partition's rows are routed with and its commits carry: this consumer's, or the one its last
     * commit carried if that is shorter. It never grows for a partition, so an hour sealed under a shorter grace
     * stays sealed whoever takes the partition next (raising {@code HOUR_COMPLETE_GRACE} applies to partitions
     * whose commits carry none). -1 when there is none (hour markers off, and no commit carried one).
     */
    public long graceMillis() {
        return graceMillis;
    }

    /**
     * The routing grace for a consumer configured with {@code ownMillis} (-1: hour markers off, which keeps the
     * committed one) whose partition's commit said {@code committedMillis} (-1: none).
     */
    public static long routingGrace(long ownMillis, long committedMillis) {
        if (ownMillis < 0 || committedMillis < 0) {
            return ownMillis < 0 ? committedMillis : ownMillis;
        }
        return Math.min(ownMillis, committedMillis);
    }

    public long watermark() {
        return watermark;
    }

    public long committedOffset() {
        return committedOffset;
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    void generationStarted(long atMillis) {
        lastActivityMillis = Math.max(lastActivityMillis, atMillis);
    }

    /** A generation closed: the next one starts where its watermark ended. */
    void published(long endWatermark) {
        watermark = endWatermark;
    }

    void committed(long offset, long nowMillis) {
        committedOffset = offset;
        lastActivityMillis = Math.max(lastActivityMillis, nowMillis);
    }

    /** Work was dropped: the replay starts where it began, and so does the watermark. */
    void rewound(long startWatermark) {
        watermark = startWatermark;
    }

    /** An idle partition's watermark moved to the clock (never back). */
    void advanced(long watermarkMillis) {
        watermark = Math.max(watermark, watermarkMillis);
    }
}
