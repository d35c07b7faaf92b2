package io.clickstream.consumer.layout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The folder a row belongs in: the UTC hour of the instant that partitions it, under {@code late/}
 * for late events. The rows of one generation that share a folder share a file.
 */
public record HourFolder(Instant hour, boolean late) {

    public static HourFolder of(Instant partitionTime, boolean late) {
        return new HourFolder(hourOf(partitionTime), late);
    }

    /** The hour a timestamp falls in, UTC. */
    public static Instant hourOf(Instant time) {
        return time.truncatedTo(ChronoUnit.HOURS);
    }

    /** {@code [late/]year=2026/month=01/day=19/hour=10}, Hive-style. */
    public String path() {
        ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
        return (late ? "late/" : "") + String.format("year=%04d/month=%02d/day=%02d/hour=%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
    }
}
