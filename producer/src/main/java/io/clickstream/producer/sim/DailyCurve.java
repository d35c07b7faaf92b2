package io.clickstream.producer.sim;

import java.util.Arrays;

/**
 * How busy the shop is at each time of day, as a factor on the mean arrival rate: 1 on average over a
 * day. Weights are given per hour (UTC, the shop's time) and joined linearly between the middles of the
 * hours, so the rate has no steps at the full hour.
 */
public final class DailyCurve {
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final long DAY_NANOS = 24 * HOUR_NANOS;

    /**
     * A web shop's day: quiet from 1 to 6 (a fifth of the mean at 4), rising through the morning, a bump at
     * lunch, and the peak in the evening from 19 to 22 (about 1.6 times the mean), as shop analytics show it.
     */
    public static final DailyCurve SHOP = new DailyCurve(new double[] {
        0.55, 0.38, 0.28, 0.22, 0.20, 0.25, 0.40, 0.62, 0.85, 1.00, 1.08, 1.12,
        1.18, 1.15, 1.10, 1.10, 1.15, 1.22, 1.35, 1.52, 1.62, 1.55, 1.25, 0.85});
    /** The same rate at every hour. */
    public static final DailyCurve FLAT = new DailyCurve(filled(1.0));

    private final double[] hourly;
    private final double max;
    private final double min;

    private DailyCurve(double[] weights) {
        if (weights.length != 24) {
            throw new IllegalArgumentException("one weight per hour: " + weights.length);
        }
        double mean = Arrays.stream(weights).average().orElseThrow();
        this.hourly = Arrays.stream(weights).map(w -> w / mean).toArray();
        this.max = Arrays.stream(hourly).max().orElseThrow();
        this.min = Arrays.stream(hourly).min().orElseThrow();
    }

    /** The factor on the mean rate at this moment. */
    public double factor(long epochNanos) {
        // weights sit at the middle of their hour; between two middles the factor moves linearly
        double hours = Math.floorMod(epochNanos, DAY_NANOS) / (double) HOUR_NANOS - 0.5;
        int below = (int) Math.floor(hours);
        double toNext = hours - below;
        return hourly[Math.floorMod(below, 24)] * (1 - toNext) + hourly[Math.floorMod(below + 1, 24)] * toNext;
    }

    /** The largest factor of the day. */
    public double max() {
        return max;
    }

    /** The smallest factor of the day. */
    public double min() {
        return min;
    }

    /** The weight of hour {@code hour} (0-23), relative to the day's mean. */
    public double hour(int hour) {
        return hourly[hour];
    }

    private static double[] filled(double value) {
        double[] weights = new double[24];
        Arrays.fill(weights, value);
        return weights;
    }
}
