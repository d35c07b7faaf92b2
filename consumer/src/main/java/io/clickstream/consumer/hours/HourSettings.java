package io.clickstream.consumer.hours;

import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.Setting;
import io.clickstream.consumer.route.PartitionTime;
import java.time.Duration;
import java.util.Locale;

/**
 * How complete hours are marked ({@code HOUR_*}).
 *
 * @param enabled write {@code _SUCCESS} and {@code _manifest.json}, and route stragglers under {@code late/}
 * @param grace how long after an hour's end its records may still arrive ({@code HOUR_COMPLETE_GRACE}; with
 *     {@code PARTITION_TIME=event}, {@code LATE_EVENT_MAX}); also how long a partition must be quiet before its
 *     watermark moves to the clock
 * @param idle how long a partition without records waits before its watermark moves to the clock
 * @param checkInterval how often a consumer asks the group's committed watermarks which hours are complete
 * @param lookback how far back a consumer looks for complete hours without a marker
 * @param deleteOrphans delete objects of uncommitted uploads found in a complete hour, instead of only listing them
 * @param finalizeRange with {@code --finalize-hours}: mark the complete hours of this range and exit; null = run the sink
 */
public record HourSettings(boolean enabled, Duration grace, Duration idle, Duration checkInterval, Duration lookback,
        boolean deleteOrphans, HourRange finalizeRange) {

    /** What a complete hour's stray objects become ({@code HOUR_ORPHANS}). */
    public enum Orphans {
        LIST, DELETE
    }

    public static final Setting HOUR_MARKERS = new Setting("HOUR_MARKERS", "--hour-markers", "true",
            "write _SUCCESS and _manifest.json into an hour folder once the hour is complete, and put its stragglers under late/; true/false");
    public static final Setting HOUR_COMPLETE_GRACE = new Setting("HOUR_COMPLETE_GRACE", "--hour-complete-grace", "10m",
            "an hour (of the Kafka timestamp) is complete this long after its end once every partition has passed it; "
                    + "a partition with no records this long counts as passed (with PARTITION_TIME=event, LATE_EVENT_MAX is the grace)");
    public static final Setting HOUR_CHECK_INTERVAL = new Setting("HOUR_CHECK_INTERVAL", "--hour-check-interval", "30s",
            "how often the consumer asks Kafka which hours are complete and writes their markers");
    public static final Setting HOUR_LOOKBACK = new Setting("HOUR_LOOKBACK", "--hour-lookback", "48h",
            "how far back a running consumer looks for complete hours without a marker (--finalize-hours reaches further)");
    public static final Setting HOUR_ORPHANS = new Setting("HOUR_ORPHANS", "--hour-orphans", "list",
            "objects of uploads never committed, found in a complete hour (their records are committed elsewhere, under "
                    + "late/): list (in the manifest's orphans, left in the folder) or delete");

    public static final Setting FINALIZE_HOURS = new Setting("FINALIZE_HOURS", "--finalize-hours", null,
            "do not consume: write the markers of the complete hours FROM..TO (e.g. 2026-12-01T00..2026-12-03T23, UTC) "
                    + "that lack them, for back-fills and operators, then exit (0: every hour marked or empty)");

    public static HourSettings read(ConfigReader r, PartitionTime partitionTime, Duration lateEventMax) {
        boolean enabled = true;
        String text = r.string(HOUR_MARKERS);
        if (text != null) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> enabled = true;
                case "false", "no", "0" -> enabled = false;
                default -> r.problem(HOUR_MARKERS, text, "must be true or false");
            }
        }
        Duration idle = r.duration(HOUR_COMPLETE_GRACE, Duration.ofSeconds(1), Duration.ofDays(7));
        Duration check = r.duration(HOUR_CHECK_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
        Duration lookback = r.duration(HOUR_LOOKBACK, Duration.ofHours(1), Duration.ofDays(3650));
        Orphans orphans = r.choice(HOUR_ORPHANS, Orphans.class);
        Duration grace = partitionTime == PartitionTime.EVENT ? lateEventMax : idle;
        HourRange range = null;
        String rangeText = r.string(FINALIZE_HOURS);
        if (rangeText != null) {
            try {
                range = HourRange.parse(rangeText);
            } catch (IllegalArgumentException e) {
                r.problem(FINALIZE_HOURS, rangeText, e.getMessage());
            }
        }
        return new HourSettings(enabled, grace, idle, check, lookback, orphans == Orphans.DELETE, range);
    }
}
