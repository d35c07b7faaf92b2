package io.clickstream.consumer.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HourCompletenessTest {
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Instant H10 = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant H11 = Instant.parse("2026-12-04T11:00:00Z");
    private static final Instant H12 = Instant.parse("2026-12-04T12:00:00Z");
    private static final long NOW = Instant.parse("2026-12-04T12:30:00Z").toEpochMilli();

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void aPartitionWithoutACommittedWatermarkHoldsEveryHourOpen() {
        assertThat(HourCompleteness.firstIncompleteHour(Map.of(0, at("2026-12-04T12:20:00Z")), 2, NOW, GRACE))
                .as("partition 1 has no commit").isEqualTo(Instant.MIN);
        assertThat(HourCompleteness.firstIncompleteHour(Map.of(0, at("2026-12-04T12:20:00Z"), 1, Watermark.NONE), 2, NOW, GRACE))
                .as("partition 1's commit carries no watermark").isEqualTo(Instant.MIN);
    }

    @Test
    void aTopicWithoutPartitionsHasNoCompleteHour() {
        assertThat(HourCompleteness.firstIncompleteHour(Map.of(), 0, NOW, GRACE)).isEqualTo(Instant.MIN);
        assertThat(HourCompleteness.firstIncompleteHour(Map.of(0, at("2026-12-04T12:20:00Z")), 0, NOW, GRACE))
                .isEqualTo(Instant.MIN);
    }

    @Test
    void theSlowestPartitionDecides() {
        var watermarks = Map.of(
                0, at("2026-12-04T12:20:00Z"), // seals up to 11h -> first open 12h
                1, at("2026-12-04T11:15:00Z"), // first open 11h
                2, at("2026-12-04T11:09:59.999Z")); // first open 10h

        assertThat(HourCompleteness.firstIncompleteHour(watermarks, 3, NOW, GRACE)).isEqualTo(H10);
        assertThat(HourCompleteness.firstIncompleteHour(Map.of(0, watermarks.get(0), 1, watermarks.get(1)), 2, NOW, GRACE))
                .isEqualTo(H11);
    }

    @Test
    void onlyTheTopicsPartitionsCount() {
        var watermarks = Map.of(0, at("2026-12-04T12:20:00Z"), 7, at("2000-01-01T00:00:00Z"));

        assertThat(HourCompleteness.firstIncompleteHour(watermarks, 1, NOW, GRACE)).isEqualTo(H12);
    }

    @Test
    void theClockBoundsItWhenWatermarksRunAhead() {
        var ahead = Map.of(0, at("2026-12-05T00:00:00Z"), 1, at("2026-12-06T00:00:00Z"));

        assertThat(HourCompleteness.firstIncompleteHour(ahead, 2, at("2026-12-04T12:09:59.999Z"), GRACE))
                .as("11h ends at 12:00, plus grace 12:10 not yet reached").isEqualTo(H11);
        assertThat(HourCompleteness.firstIncompleteHour(ahead, 2, at("2026-12-04T12:10:00Z"), GRACE)).isEqualTo(H12);
    }

    @Test
    void isTheMinimumOfTheClockAndEveryPartitionsFirstOpenHour() {
        var random = new Random(5);
        for (int run = 0; run < 2_000; run++) {
            long now = at("2026-12-04T12:00:00Z") + random.nextInt(10 * 3_600_000);
            Duration grace = Duration.ofSeconds(1 + random.nextInt(7_200));
            int partitions = 1 + random.nextInt(6);
            var watermarks = new HashMap<Integer, Long>();
            Instant expected = Watermark.firstOpenHour(now, grace);
            for (int p = 0; p < partitions; p++) {
                long w = now - 20 * 3_600_000L + random.nextInt(40 * 3_600_000);
                watermarks.put(p, w);
                Instant open = Watermark.firstOpenHour(w, grace);
                expected = open.isBefore(expected) ? open : expected;
            }
            Instant first = HourCompleteness.firstIncompleteHour(watermarks, partitions, now, grace);

            assertThat(first).isEqualTo(expected);
            for (int p = 0; p < partitions; p++) {
                assertThat(Watermark.seals(watermarks.get(p), first.minusSeconds(3600), grace)).isTrue();
            }
            assertThat(Watermark.seals(now, first.minusSeconds(3600), grace)).isTrue();
        }
    }

    @Test
    void aCheckerWithAShorterGraceThanTheCommitsSayJudgesWithTheCommittedOne() {
        java.time.Instant h = java.time.Instant.parse("2026-12-04T05:00:00Z");
        long watermark = h.plus(java.time.Duration.ofMinutes(70)).toEpochMilli(); // 05:00 + 1h + 10m: seals 05 with a 10m grace
        long now = h.plus(java.time.Duration.ofHours(3)).toEpochMilli();

        assertThat(HourCompleteness.firstIncompleteHour(java.util.Map.of(0, watermark), java.util.Map.of(0, 600_000L), 1, now,
                java.time.Duration.ofMinutes(10))).isEqualTo(h.plus(java.time.Duration.ofHours(1)));
        // The consumers routed with a 50m grace: a checker with 10m must not call 05:00 complete.
        assertThat(HourCompleteness.firstIncompleteHour(java.util.Map.of(0, watermark), java.util.Map.of(0, 3_000_000L), 1, now,
                java.time.Duration.ofMinutes(10))).isEqualTo(h);
    }
}
