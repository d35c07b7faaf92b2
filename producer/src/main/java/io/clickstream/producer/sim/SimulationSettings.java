package io.clickstream.producer.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the model needs besides the seed and the clock.
 *
 * @param users size of the user population
 * @param products size of the catalog
 * @param zipfExponent skew of product popularity (0 = uniform, about 1 = typical web shop)
 * @param sessionsPerSecond new sessions per second of simulated time
 * @param sessionTimeout a session ends after this much simulated time without an event
 * @param funnel conversion rates
 */
public record SimulationSettings(int users, int products, double zipfExponent, double sessionsPerSecond,
        Duration sessionTimeout, FunnelSettings funnel) {
    public static final SimulationSettings DEFAULTS =
            new SimulationSettings(100_000, 1000, 1.1, 10, Duration.ofMinutes(30), FunnelSettings.DEFAULTS);

    public SimulationSettings {
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(funnel, "funnel");
        if (users <= 0 || products <= 0) {
            throw new IllegalArgumentException("users and products must be positive: " + users + ", " + products);
        }
        if (!(sessionsPerSecond > 0) || Double.isInfinite(sessionsPerSecond)) {
            throw new IllegalArgumentException("sessionsPerSecond must be positive: " + sessionsPerSecond);
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("sessionTimeout must be positive: " + sessionTimeout);
        }
    }

    public SimulationSettings withFunnel(FunnelSettings newFunnel) {
        return new SimulationSettings(users, products, zipfExponent, sessionsPerSecond, sessionTimeout, newFunnel);
    }
}
