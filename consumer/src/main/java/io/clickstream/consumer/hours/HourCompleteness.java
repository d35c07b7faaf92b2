package io.clickstream.consumer.hours;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Which hours of a topic are complete, from the group's committed watermarks: hour H is complete when
 * the clock is past H's end plus the grace and every partition of the topic has a committed watermark
 * that seals H. A pure function, so every consumer of the group (and {@code --finalize-hours}) agrees.
 */
public final class HourCompleteness {
    private HourCompleteness() {
    }

    /**
     * The first hour not known to be complete: every hour before it is. {@link Instant#MIN} when no hour is
     * (a partition without a committed watermark holds every hour open).
     *
     * @param watermarks the committed watermark of each partition that has a commit ({@link Watermark#NONE} for none)
     * @param partitions how many partitions the topic has
     */
    public static Instant firstIncompleteHour(Map<Integer, Long> watermarks, int partitions, long nowMillis, Duration grace) {
        return firstIncompleteHour(watermarks, Map.of(), partitions, nowMillis, grace);
    }

    /**
     * As {@link #firstIncompleteHour(Map, int, long, Duration)}, each partition judged with the larger of
     * {@code grace} and the grace its commit says its records were routed with ({@code graces}, -1 or absent:
     * none said), so a checker configured with a shorter grace than the consumers never marks an hour early.
     */
    public static Instant firstIncompleteHour(Map<Integer, Long> watermarks, Map<Integer, Long> graces, int partitions,
            long nowMillis, Duration grace) {
        Instant first = Watermark.firstOpenHour(nowMillis, grace);
        for (int p = 0; p < partitions; p++) {
            Long watermark = watermarks.get(p);
            if (watermark == null || watermark == Watermark.NONE) {
                return Instant.MIN;
            }
            long committedGrace = graces.getOrDefault(p, -1L);
            Duration judged = committedGrace > grace.toMillis() ? Duration.ofMillis(committedGrace) : grace;
            Instant open = Watermark.firstOpenHour(watermark, judged);
            if (!judged.equals(grace)) {
                Instant clock = Watermark.firstOpenHour(nowMillis, judged);
                open = clock.isBefore(open) ? clock : open;
            }
            if (open.isBefore(first)) {
                first = open;
            }
        }
        return partitions == 0 ? Instant.MIN : first;
    }
}
