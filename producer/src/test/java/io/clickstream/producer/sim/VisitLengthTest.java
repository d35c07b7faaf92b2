package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.common.event.ClickEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VisitLengthTest {

    static Stream<Arguments> behaviours() {
        return Stream.of(
                Arguments.of(VisitSettings.DEFAULTS, FunnelSettings.DEFAULTS),
                Arguments.of(new VisitSettings(0.2, 0.05, Duration.ofSeconds(30), 0.5), new FunnelSettings(0.25, 0.45, 0.8)),
                Arguments.of(new VisitSettings(0.7, 0.3, Duration.ofSeconds(5), 0), FunnelSettings.DEFAULTS));
    }

    /** The estimate sizes the shop for a rate: it must be what the generator then makes. */
    @ParameterizedTest
    @MethodSource("behaviours")
    void estimatesTheEventsPerSessionTheGeneratorMakes(VisitSettings visits, FunnelSettings funnel) {
        SimulationSettings settings = SimulationSettings.DEFAULTS.withVisits(visits).withFunnel(funnel);
        double estimate = VisitLength.meanEventsPerSession(settings);

        // one session a second: the events span hours, and most sessions are seen whole
        var generator = new ClickstreamGenerator(settings.withSessionsPerSecond(1), 17, Instant.parse("2026-01-19T00:00:00Z"));
        var firstEvent = new HashMap<String, Instant>();
        var eventsOf = new HashMap<String, Integer>();
        Instant last = null;
        for (int i = 0; i < 300_000; i++) {
            ClickEvent event = generator.next();
            firstEvent.putIfAbsent(event.sessionId(), event.timestamp());
            eventsOf.merge(event.sessionId(), 1, Integer::sum);
            last = event.timestamp();
        }
        // only sessions that began an hour before the end: those are over
        Instant cut = last.minus(Duration.ofHours(1));
        double made = firstEvent.entrySet().stream().filter(e -> e.getValue().isBefore(cut))
                .mapToInt(e -> eventsOf.get(e.getKey())).average().orElseThrow();
        assertThat(estimate).isCloseTo(made, within(made * 0.02));
        assertThat(VisitLength.meanEventsPerSession(settings)).as("deterministic").isEqualTo(estimate);
    }
}
