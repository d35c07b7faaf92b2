package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DailyCurveTest {
    private static final long MIDNIGHT = Instant.parse("2026-01-19T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void averagesOneOverADaySoTheMeanRateIsTheConfiguredOne() {
        double sum = 0;
        int minutes = 24 * 60;
        for (int m = 0; m < minutes; m++) {
            sum += DailyCurve.SHOP.factor(MIDNIGHT + m * MINUTE + MINUTE / 2);
        }
        assertThat(sum / minutes).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void isQuietAtNightAndBusiestInTheEvening() {
        double fourAm = DailyCurve.SHOP.factor(MIDNIGHT + 4 * 60 * MINUTE + 30 * MINUTE);
        double eightPm = DailyCurve.SHOP.factor(MIDNIGHT + 20 * 60 * MINUTE + 30 * MINUTE);
        assertThat(fourAm).isLessThan(0.3);
        assertThat(eightPm).isGreaterThan(1.5).isEqualTo(DailyCurve.SHOP.max());
    }

    @Test
    void hasNoStepsAtTheFullHourAndRepeatsEveryDay() {
        for (int hour = 0; hour < 24; hour++) {
            long full = MIDNIGHT + hour * 60 * MINUTE;
            assertThat(DailyCurve.SHOP.factor(full)).isCloseTo(DailyCurve.SHOP.factor(full - 1_000_000_000L), within(1e-3));
            assertThat(DailyCurve.SHOP.factor(full + 24 * 60 * MINUTE)).isEqualTo(DailyCurve.SHOP.factor(full));
        }
        assertThat(DailyCurve.FLAT.factor(MIDNIGHT + 123 * MINUTE)).isEqualTo(1.0);
    }
}
