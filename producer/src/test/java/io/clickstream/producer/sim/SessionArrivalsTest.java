package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionArrivalsTest {
    private static final long MIDNIGHT = Instant.parse("2026-01-19T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theFirstSessionLandsAtTheStartAndTheRestAtTheConfiguredRate(long seed) {
        var arrivals = new SessionArrivals(5, DailyCurve.FLAT, MIDNIGHT, new SplittableRandom(seed));
        assertThat(arrivals.peek()).isEqualTo(MIDNIGHT);
        long count = 0;
        while (arrivals.peek() < MIDNIGHT + HOUR) {
            long before = arrivals.peek();
            arrivals.advance();
            assertThat(arrivals.peek()).isGreaterThan(before);
            count++;
        }
        double expected = 5 * 3600;
        assertThat((double) count).isCloseTo(expected, within(4 * Math.sqrt(expected))); // Poisson: sd = sqrt(mean)
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void onTheDailyCurveEachHourGetsItsShareOfTheDaysSessions(long seed) {
        var arrivals = new SessionArrivals(2, DailyCurve.SHOP, MIDNIGHT, new SplittableRandom(seed));
        long[] perHour = new long[24];
        while (arrivals.peek() < MIDNIGHT + 24 * HOUR) {
            perHour[(int) ((arrivals.peek() - MIDNIGHT) / HOUR)]++;
            arrivals.advance();
        }
        for (int hour = 0; hour < 24; hour++) {
            double expected = 2 * 3600 * meanFactor(hour);
            assertThat((double) perHour[hour]).as("hour %d", hour).isCloseTo(expected, within(5 * Math.sqrt(expected)));
        }
        assertThat(perHour[20]).isGreaterThan(5 * perHour[4]);
    }

    private static double meanFactor(int hour) {
        double sum = 0;
        for (int minute = 0; minute < 60; minute++) {
            sum += DailyCurve.SHOP.factor(MIDNIGHT + hour * HOUR + minute * 60_000_000_000L + 30_000_000_000L);
        }
        return sum / 60;
    }
}
