package io.clickstream.consumer.hours;

import io.clickstream.consumer.route.RecordRouter.Route;
import java.time.Duration;

/**
 * Where a row goes whose hour its partition's watermark has already sealed: under {@code late/}, never
 * into the sealed hour, so an hour once complete never changes. A pure function of the row and the
 * watermark, which is restored with the committed offset, so a replay routes every record the same way.
 */
public final class StragglerRule {
    private final long graceMillis;
    private final boolean enabled;

    /** @param grace {@code HOUR_COMPLETE_GRACE} ({@code LATE_EVENT_MAX} with {@code PARTITION_TIME=event}) */
    public StragglerRule(Duration grace) {
        this(grace, true);
    }

    /**
     * @param enabled false with {@code HOUR_MARKERS=false}: watermarks do not move (they are carried on as committed),
     *     but a row of an hour they already seal still goes under {@code late/}, so that no marked hour changes
     */
    public StragglerRule(Duration grace, boolean enabled) {
        this.graceMillis = grace.toMillis();
        this.enabled = enabled;
    }

    /** Whether records move watermarks (hour markers on); off, watermarks are carried on as committed. */
    public boolean advances() {
        return enabled;
    }

    /** How far one record may move its partition's watermark: the grace (see {@link Watermark#advance(long, long, long)}). */
    public long maxWatermarkStepMillis() {
        return graceMillis;
    }

    public Route.Row apply(Route.Row row, long watermarkMillis) {
        return apply(row, watermarkMillis, graceMillis);
    }

    /** {@link #apply(Route.Row, long)} with the partition's own routing grace. */
    public Route.Row apply(Route.Row row, long watermarkMillis, long partitionGraceMillis) {
        if (row.late()
                || row.folder().hour().toEpochMilli() >= Watermark.firstOpenHourMillis(watermarkMillis, partitionGraceMillis)) {
            return row;
        }
        return row.asLate();
    }
}
