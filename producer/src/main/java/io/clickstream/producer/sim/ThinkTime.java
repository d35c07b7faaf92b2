package io.clickstream.producer.sim;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The time between two events of one visitor. Reading a page takes a log-normal time: most gaps are
 * short, a few are long (a visitor reads reviews, or is called away), as measured dwell times are. A
 * click on a tile is not a new decision: the product page it opens follows within about a second.
 */
final class ThinkTime {
    /** Standard deviation of the gap's logarithm: the 90th percentile is about 3.6 times the median. */
    static final double SPREAD = 1.0;
    private static final double PAGE_LOAD_MEDIAN_NANOS = 800_000_000;
    private static final double PAGE_LOAD_SPREAD = 0.5;

    private final double logMedianNanos;

    ThinkTime(Duration median) {
        if (median.isNegative() || median.isZero()) {
            throw new IllegalArgumentException("the median think time must be positive: " + median);
        }
        this.logMedianNanos = Math.log(median.toNanos());
    }

    /** Nanoseconds from an event of step {@code from} to the visitor's next one. */
    long after(Step from, SplittableRandom random) {
        double gap = from == Step.CLICK
                ? Math.exp(Math.log(PAGE_LOAD_MEDIAN_NANOS) + PAGE_LOAD_SPREAD * random.nextGaussian())
                : Math.exp(logMedianNanos + SPREAD * random.nextGaussian());
        return Math.max(1, (long) Math.min(gap, Long.MAX_VALUE / 4.0));
    }

    /** The mean gap after a page of one's own choosing: median times e^(spread²/2). */
    static Duration mean(Duration median) {
        return Duration.ofNanos(Math.round(median.toNanos() * Math.exp(SPREAD * SPREAD / 2)));
    }
}
