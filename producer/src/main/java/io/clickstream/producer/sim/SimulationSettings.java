package io.clickstream.producer.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the model needs besides the seed and where its timeline starts.
 *
 * @param users size of the user population first-time visitors are drawn from
 * @param products size of the catalog
 * @param zipfExponent skew of product popularity (0 = uniform, about 1 = typical web shop)
 * @param sessionsPerSecond new sessions per second of simulated time (the daily mean when {@code diurnal})
 * @param sessionTimeout a session ends when its visitor would be away longer than this
 * @param funnel conversion rates
 * @param visits exits, think times and returning visitors
 * @param diurnal whether arrivals follow a shop's daily curve ({@link DailyCurve#SHOP}) or stay flat
 */
public record SimulationSettings(int users, int products, double zipfExponent, double sessionsPerSecond,
        Duration sessionTimeout, FunnelSettings funnel, VisitSettings visits, boolean diurnal) {
    /** Sessions per second when nothing else decides it: a small shop. */
    public static final double NOMINAL_SESSIONS_PER_SECOND = 10;
    public static final SimulationSettings DEFAULTS = new SimulationSettings(10_000_000, 1000, 1.1,
            NOMINAL_SESSIONS_PER_SECOND, Duration.ofMinutes(30), FunnelSettings.DEFAULTS, VisitSettings.DEFAULTS, false);

    public SimulationSettings {
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(funnel, "funnel");
        Objects.requireNonNull(visits, "visits");
        if (users <= 0 || products <= 0) {
            throw new IllegalArgumentException("users and products must be positive: " + users + ", " + products);
        }
        if (!(sessionsPerSecond > 0) || Double.isInfinite(sessionsPerSecond)) {
            throw new IllegalArgumentException("sessionsPerSecond must be positive: " + sessionsPerSecond);
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("sessionTimeout must be positive: " + sessionTimeout);
        }
        // a product page offers add_to_cart with exactly the view-to-cart rate: leaving must fit next to it
        if (visits.bounceProbability() + funnel.viewToCart() > 1 + 1e-9
                || visits.exitProbability() + funnel.viewToCart() > 1 + 1e-9) {
            throw new IllegalArgumentException("bounce and exit probabilities cannot exceed 1 - viewToCart ("
                    + (1 - funnel.viewToCart()) + "): " + visits.bounceProbability() + ", " + visits.exitProbability());
        }
    }

    public SimulationSettings withFunnel(FunnelSettings newFunnel) {
        return new SimulationSettings(users, products, zipfExponent, sessionsPerSecond, sessionTimeout, newFunnel, visits,
                diurnal);
    }

    public SimulationSettings withVisits(VisitSettings newVisits) {
        return new SimulationSettings(users, products, zipfExponent, sessionsPerSecond, sessionTimeout, funnel, newVisits,
                diurnal);
    }

    public SimulationSettings withSessionsPerSecond(double perSecond) {
        return new SimulationSettings(users, products, zipfExponent, perSecond, sessionTimeout, funnel, visits, diurnal);
    }

    public SimulationSettings withDiurnal(boolean on) {
        return new SimulationSettings(users, products, zipfExponent, sessionsPerSecond, sessionTimeout, funnel, visits, on);
    }

    public SimulationSettings withUsers(int population) {
        return new SimulationSettings(population, products, zipfExponent, sessionsPerSecond, sessionTimeout, funnel, visits,
                diurnal);
    }
}
