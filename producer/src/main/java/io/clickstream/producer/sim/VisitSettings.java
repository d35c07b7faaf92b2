package io.clickstream.producer.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How visitors behave where the funnel rates say nothing: when they leave, how long they take between
 * clicks, and how many come back. The defaults put the session figures of a run where published
 * e-commerce benchmarks put a shop's (see {@code report.ProfileTarget}).
 *
 * @param bounceProbability chance that a visitor leaves right after the landing page
 * @param exitProbability chance that a visitor leaves after any later page of their own choosing (an
 *     abandoned checkout and a purchase have their own exits, and a click always opens its product page)
 * @param medianThinkTime median time between two events of a visitor (log-normal, so the mean is larger)
 * @param returningShare share of sessions by a visitor who has been here before, while anyone can return
 */
public record VisitSettings(double bounceProbability, double exitProbability, Duration medianThinkTime,
        double returningShare) {
    public static final VisitSettings DEFAULTS = new VisitSettings(0.45, 0.13, Duration.ofSeconds(15), 0.30);

    public VisitSettings {
        Objects.requireNonNull(medianThinkTime, "medianThinkTime");
        check("bounceProbability", bounceProbability);
        check("exitProbability", exitProbability);
        check("returningShare", returningShare);
        if (medianThinkTime.isNegative() || medianThinkTime.isZero()) {
            throw new IllegalArgumentException("medianThinkTime must be positive: " + medianThinkTime);
        }
    }

    private static void check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
        }
    }
}
