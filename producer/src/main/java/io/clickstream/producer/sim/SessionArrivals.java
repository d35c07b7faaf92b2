package io.clickstream.producer.sim;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * When new sessions land, in simulated time: a Poisson process at the mean rate times the
 * {@link DailyCurve}'s factor, drawn by thinning (candidates at the day's peak rate, each kept with
 * probability factor / peak), so arrivals follow the curve exactly without integrating it. The first
 * session lands at the start itself.
 */
final class SessionArrivals {
    private final DailyCurve curve;
    private final SplittableRandom random;
    /** Mean gap between candidates at the peak rate. */
    private final double meanCandidateGapNanos;
    private long next;

    /** @param random a stream of its own, so that changing how visitors behave does not move arrivals */
    SessionArrivals(double sessionsPerSecond, DailyCurve curve, long startNanos, SplittableRandom random) {
        if (!(sessionsPerSecond > 0) || Double.isInfinite(sessionsPerSecond)) {
            throw new IllegalArgumentException("sessionsPerSecond must be positive: " + sessionsPerSecond);
        }
        this.curve = Objects.requireNonNull(curve, "curve");
        this.random = Objects.requireNonNull(random, "random");
        this.meanCandidateGapNanos = 1e9 / (sessionsPerSecond * curve.max());
        this.next = startNanos;
    }

    /** Epoch nanoseconds of the next arrival. */
    long peek() {
        return next;
    }

    /** Moves on to the arrival after {@link #peek()}. */
    void advance() {
        long t = next;
        do {
            t += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanCandidateGapNanos));
        } while (random.nextDouble() * curve.max() >= curve.factor(t));
        next = t;
    }
}
