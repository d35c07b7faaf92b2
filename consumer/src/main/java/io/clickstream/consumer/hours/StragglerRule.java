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

    /** @param grace {@code HOUR_COMPLETE_GRACE} ({@code LATE_EVENT_MAX} with {@code PARTITION_TIME=event}) */
    public StragglerRule(Duration grace) {
        this.graceMillis = grace.toMillis();
    }

    /** How far one record may move its partition's watermark: the grace (see {@link Watermark#advance(long, long, long)}). */
    public long maxWatermarkStepMillis() {
        return graceMillis;
    }

    public Route.Row apply(Route.Row row, long watermarkMillis) {
        if (row.late() || row.folder().hour().toEpochMilli() >= Watermark.firstOpenHourMillis(watermarkMillis, graceMillis)) {
            return row;
        }
        return row.asLate();
    }
}
