package io.clickstream.consumer.hours;

import java.time.Duration;
import java.time.Instant;

/**
 * A partition's watermark: the newest Kafka timestamp it has taken (or, for a partition with no
 * traffic, the clock at the moment it was last found idle), carried in the metadata of every offset
 * commit so that a replay starts with exactly the watermark the committed records left behind.
 *
 * <p>It decides two things, both by the same inequality, so they can never disagree:
 * <ul>
 *   <li>hour H is <em>sealed</em> for a partition once {@code H end + grace <= watermark}: a record of
 *       H that partition takes after that is a straggler and goes under {@code late/};</li>
 *   <li>hour H is <em>complete</em> when it is sealed for every partition of the topic by the
 *       group's committed watermarks (see {@link HourCompleteness}).</li>
 * </ul>
 * The argument is in {@code docs/architecture.md}, "Complete hours".
 */
public final class Watermark {
    /** No watermark known (no commit yet, or one written by a version that carried none). */
    public static final long NONE = Long.MIN_VALUE;
    private static final String KEY = "wm=";
    private static final String GRACE = ";g=";
    private static final long HOUR_MILLIS = 3_600_000L;
    /** The last millisecond of year 9999: a larger watermark in a commit's metadata is not one this consumer wrote. */
    public static final long MAX = 253_402_300_799_999L;

    private Watermark() {
    }

    /** The offset commit's metadata for a watermark: {@code wm=<epoch millis>}, or empty for {@link #NONE}. */
    public static String encode(long watermarkMillis) {
        return watermarkMillis == NONE ? "" : KEY + watermarkMillis;
    }

    /**
     * {@code wm=<epoch millis>;g=<grace millis>}: with the grace the partition's records were routed with, so that
     * whoever judges completeness (another consumer, {@code --finalize-hours}) uses at least that grace.
     */
    public static String encode(long watermarkMillis, long graceMillis) {
        return watermarkMillis == NONE || graceMillis < 0 ? encode(watermarkMillis) : KEY + watermarkMillis + GRACE + graceMillis;
    }

    /** The grace in an offset commit's metadata, or -1. */
    public static long decodeGrace(String metadata) {
        int at = metadata == null || !metadata.startsWith(KEY) ? -1 : metadata.indexOf(GRACE);
        if (at < 0) {
            return -1;
        }
        try {
            long grace = Long.parseLong(metadata.substring(at + GRACE.length()));
            return grace < 0 ? -1 : grace;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The watermark in an offset commit's metadata; {@link #NONE} for null, empty or anything else. */
    public static long decode(String metadata) {
        if (metadata == null || !metadata.startsWith(KEY)) {
            return NONE;
        }
        int end = metadata.indexOf(';');
        try {
            long millis = Long.parseLong(metadata.substring(KEY.length(), end < 0 ? metadata.length() : end));
            return millis < 0 || millis > MAX ? NONE : millis; // not a time this consumer writes (nor one to overflow)
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    /** The watermark after a record with this Kafka timestamp (negative: the record carries none). */
    public static long advance(long watermarkMillis, long kafkaTimestampMillis) {
        return kafkaTimestampMillis < 0 ? watermarkMillis : Math.max(watermarkMillis, kafkaTimestampMillis);
    }

    /**
     * {@link #advance}, rising at most {@code maxStepMillis} per record: one record from a producer whose clock
     * runs ahead cannot seal the hour everyone else is still writing (it would send their records to
     * {@code late/}); a steady stream still moves it, a step at a time. Still a pure function of the records.
     */
    public static long advance(long watermarkMillis, long kafkaTimestampMillis, long maxStepMillis) {
        if (kafkaTimestampMillis < 0 || watermarkMillis == NONE) {
            return advance(watermarkMillis, kafkaTimestampMillis);
        }
        return Math.max(watermarkMillis, Math.min(kafkaTimestampMillis, watermarkMillis + maxStepMillis));
    }

    /** The first hour not yet sealed by this watermark: every hour before it is sealed. */
    public static Instant firstOpenHour(long watermarkMillis, Duration grace) {
        return watermarkMillis == NONE ? Instant.MIN : Instant.ofEpochMilli(firstOpenHourMillis(watermarkMillis, grace.toMillis()));
    }

    /** {@link #firstOpenHour} in epoch millis, without allocating: it is asked for every record. */
    public static long firstOpenHourMillis(long watermarkMillis, long graceMillis) {
        if (watermarkMillis == NONE) {
            return Long.MIN_VALUE;
        }
        // H is sealed iff H + 1h + grace <= W, iff H + 1h <= floorHour(W - grace), iff H < floorHour(W - grace).
        return Math.floorDiv(watermarkMillis - graceMillis, HOUR_MILLIS) * HOUR_MILLIS;
    }

    /** Whether hour {@code hour} (its start) is sealed by this watermark. */
    public static boolean seals(long watermarkMillis, Instant hour, Duration grace) {
        return watermarkMillis != NONE && hour.toEpochMilli() < firstOpenHourMillis(watermarkMillis, grace.toMillis());
    }
}
