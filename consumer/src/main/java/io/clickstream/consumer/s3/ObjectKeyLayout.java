package io.clickstream.consumer.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Where a file lives in the bucket:
 * {@code <prefix>/[late/]year=YYYY/month=MM/day=DD/hour=HH/<first-ts>-<topic>-<partition>-<first-offset>.parquet}.
 *
 * <p>Every part is a pure function of the file's first record (its hour, its timestamp, its Kafka
 * coordinates), never of the consumer's clock: a replay after a crash rebuilds the same key and
 * overwrites the object instead of writing a duplicate. Offsets are zero-padded to 20 digits so
 * keys sort in offset order.
 */
public final class ObjectKeyLayout {
    private static final DateTimeFormatter FIRST_TS =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final String prefix;

    public ObjectKeyLayout(String prefix) {
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
    }

    /** The hour a timestamp falls in, UTC. */
    public static Instant hourOf(Instant time) {
        return time.truncatedTo(ChronoUnit.HOURS);
    }

    /** {@code year=2026/month=01/day=19/hour=10}, the Hive-style folder of an hour. */
    public static String hourFolder(Instant hour) {
        ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
        return String.format("year=%04d/month=%02d/day=%02d/hour=%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
    }

    public String key(FileId file) {
        return prefix + (file.late() ? "late/" : "") + hourFolder(file.hour()) + "/"
                + FIRST_TS.format(file.firstTimestamp()) + "-" + file.topic() + "-" + file.partition()
                + "-" + String.format("%020d", file.firstOffset()) + ".parquet";
    }

    /** The prefix all lake objects share (for listings). */
    public String root() {
        return prefix;
    }
}
