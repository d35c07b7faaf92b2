package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.producer.report.FiguresTable;
import io.clickstream.producer.report.ProfileTarget;
import io.clickstream.producer.report.SessionFigures;
import io.clickstream.producer.report.SessionStatistics;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.FunnelSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance test for the default profile: whatever the seed and however the run is paced, the
 * session figures of 200,000 events land inside the ranges published e-commerce benchmarks give, and the funnel
 * flags keep their meaning.
 */
class DefaultProfileTest {
    private static final int EVENTS = 200_000;
    private static final Instant NOW = Instant.parse("2026-01-19T12:00:00Z");

    static Stream<Arguments> runs() {
        var runs = Stream.<Arguments>builder();
        for (long seed : new long[] {1, 7, 42, 20260119}) {
            runs.add(Arguments.of("back-fill of six hours at 1800x", seed, new String[] {"PRODUCER_RATE", "20000",
                    "PRODUCER_SPEEDUP", "1800", "PRODUCER_START_TIME", "2026-01-19T06:00:00Z"}));
            runs.add(Arguments.of("wall clock at 200/s", seed, new String[] {"PRODUCER_RATE", "200"}));
        }
        runs.add(Arguments.of("unthrottled", 5L, new String[] {"PRODUCER_EVENTS", "200000"}));
        return runs.build();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void theDefaultsLandInsideEveryTargetRange(String name, long seed, String[] settings) {
        var env = new HashMap<String, String>();
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        env.put("PRODUCER_SEED", Long.toString(seed));
        ProducerConfig config = ProducerConfig.from(env, Set.of());
        ClickstreamGenerator generator = SimulationPlan.of(config, NOW).generator(seed);
        var statistics = new SessionStatistics();
        for (int i = 0; i < EVENTS; i++) {
            statistics.add(generator.next());
        }
        SessionFigures figures = statistics.figures();

        assertThat(ProfileTarget.misses(figures)).as(String.join("\n", FiguresTable.lines(figures, null))).isEmpty();
        FunnelSettings funnel = FunnelSettings.DEFAULTS;
        assertThat(figures.viewToCart()).isCloseTo(funnel.viewToCart(), within(funnel.viewToCart() * 0.05));
        assertThat(figures.cartToPurchase()).isCloseTo(funnel.cartToPurchase(), within(funnel.cartToPurchase() * 0.08));
        assertThat(figures.checkoutToPurchase())
                .isCloseTo(funnel.checkoutToPurchase(), within(funnel.checkoutToPurchase() * 0.06));
    }
}
