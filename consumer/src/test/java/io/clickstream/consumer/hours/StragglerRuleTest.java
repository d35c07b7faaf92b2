package io.clickstream.consumer.hours;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.layout.HourFolder;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StragglerRuleTest {
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Instant H10 = Instant.parse("2026-12-04T10:00:00Z");
    private static final long SEALS_H10 = Instant.parse("2026-12-04T11:10:00Z").toEpochMilli();
    private final StragglerRule rule = new StragglerRule(GRACE);

    private static Route.Row row(Instant partitionTime, boolean late) {
        return new Route.Row(Events.event("e-1", partitionTime.minusSeconds(3)), partitionTime.plusSeconds(1), partitionTime,
                HourFolder.of(partitionTime, late));
    }

    @Test
    void aRowOfASealedHourGoesUnderLateInTheSameHour() {
        Route.Row row = row(H10.plusSeconds(1_234), false);

        Route.Row routed = rule.apply(row, SEALS_H10);

        assertThat(routed.late()).isTrue();
        assertThat(routed.folder()).isEqualTo(new HourFolder(H10, true));
        assertThat(routed.folder().path()).isEqualTo("late/year=2026/month=12/day=04/hour=10");
        assertThat(routed.partitionTime()).isEqualTo(row.partitionTime());
        assertThat(routed.ingestedAt()).isEqualTo(row.ingestedAt());
        assertThat(routed.event()).isSameAs(row.event());
    }

    @Test
    void aRowOfAnUnsealedHourIsReturnedUnchanged() {
        Route.Row row = row(H10.plusSeconds(3_599), false);

        assertThat(rule.apply(row, SEALS_H10 - 1)).isSameAs(row);
        assertThat(rule.apply(row, H10.toEpochMilli())).isSameAs(row);
        assertThat(rule.apply(row(H10.plusSeconds(3_600), false), SEALS_H10)).as("the next hour is open").extracting(Route.Row::late)
                .isEqualTo(false);
    }

    @Test
    void anAlreadyLateRowIsReturnedUnchanged() {
        Route.Row late = row(H10, true);

        assertThat(rule.apply(late, SEALS_H10)).isSameAs(late);
        assertThat(rule.apply(late, SEALS_H10 - 1)).isSameAs(late);
        assertThat(rule.apply(late, Watermark.NONE)).isSameAs(late);
    }

    @Test
    void withoutAWatermarkNoRowChanges() {
        var random = new Random(4);
        for (int i = 0; i < 1_000; i++) {
            Route.Row row = row(Instant.ofEpochSecond(random.nextInt(2_000_000_000)), false);
            assertThat(rule.apply(row, Watermark.NONE)).isSameAs(row);
        }
    }

    @Test
    void aRowBecomesLateExactlyWhenTheWatermarkSealsItsHour() {
        var random = new Random(12);
        for (int i = 0; i < 5_000; i++) {
            Instant time = H10.plusMillis(random.nextInt(48 * 3_600_000) - 24L * 3_600_000);
            long watermark = H10.toEpochMilli() + random.nextInt(48 * 3_600_000) - 24L * 3_600_000;
            Route.Row row = row(time, false);

            Route.Row routed = rule.apply(row, watermark);

            boolean sealed = Watermark.seals(watermark, HourFolder.hourOf(time), GRACE);
            assertThat(routed.late()).as("time %s watermark %d", time, watermark).isEqualTo(sealed);
            assertThat(routed.folder().hour()).isEqualTo(row.folder().hour());
            if (!sealed) {
                assertThat(routed).isSameAs(row);
            }
        }
    }

    @Test
    void asLateOfALateRowIsTheSameRow() {
        Route.Row late = row(H10, true);
        Route.Row onTime = row(H10, false);

        assertThat(late.asLate()).isSameAs(late);
        assertThat(onTime.asLate()).isEqualTo(late);
    }

    @org.junit.jupiter.api.Test
    void aPartitionsOwnShorterGraceSealsWhereTheConsumersLongerOneWouldNot() {
        java.time.Instant hour = java.time.Instant.parse("2026-12-04T10:00:00Z");
        var row = new io.clickstream.consumer.route.RecordRouter.Route.Row(Events.event("e", hour.plusSeconds(1800)),
                hour.plusSeconds(1800), hour.plusSeconds(1800), io.clickstream.consumer.layout.HourFolder.of(hour.plusSeconds(1800), false));
        long watermark = hour.plusSeconds(3600 + 50).toEpochMilli(); // 11:00:50
        var rule = new StragglerRule(java.time.Duration.ofSeconds(60));

        assertThat(rule.apply(row, watermark).late()).as("60 s grace: 10:00 not sealed at 11:00:50").isFalse();
        assertThat(rule.apply(row, watermark, 40_000).late()).as("the partition's 40 s: sealed").isTrue();
    }
}
