package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.sim.VisitLength;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationPlanTest {
    private static final Instant NOW = Instant.parse("2026-01-19T12:00:00Z");
    private static final double MEAN_EVENTS = VisitLength.meanEventsPerSession(SimulationSettings.DEFAULTS);

    private static SimulationPlan plan(String... keysAndValues) {
        var env = new HashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return SimulationPlan.of(ProducerConfig.from(env, Set.of()), NOW);
    }

    @Test
    void onTheWallClockSessionsArriveAtTheRateOverTheMeanEventsPerSession() {
        SimulationPlan plan = plan("PRODUCER_RATE", "200");
        assertThat(plan.meanEventsPerSession()).isEqualTo(MEAN_EVENTS);
        assertThat(plan.settings().sessionsPerSecond()).isCloseTo(200 / MEAN_EVENTS, within(1e-9));
        assertThat(plan.eventsPerSecond()).isCloseTo(200, within(1e-9));
        assertThat(plan.start()).isEqualTo(NOW);
        assertThat(plan.warmUp()).as("the shop has been open for a while").isEqualTo(Duration.ofMinutes(30));
        assertThat(plan.settings().diurnal()).isFalse();
    }

    @Test
    void aBackfillSpreadsTheRateOverItsFasterClockAndFollowsTheDailyCurve() {
        SimulationPlan plan = plan("PRODUCER_RATE", "20000", "PRODUCER_SPEEDUP", "1800",
                "PRODUCER_START_TIME", "2026-01-19T06:00:00Z");
        assertThat(plan.eventsPerSecond()).as("per simulated second").isCloseTo(20000 / 1800.0, within(1e-9));
        assertThat(plan.start()).isEqualTo(Instant.parse("2026-01-19T06:00:00Z"));
        assertThat(plan.settings().diurnal()).isTrue();
    }

    @Test
    void aSessionRateGivenWinsOverTheRate() {
        SimulationPlan plan = plan("PRODUCER_RATE", "200", "PRODUCER_SESSION_RATE", "3");
        assertThat(plan.settings().sessionsPerSecond()).isEqualTo(3);
        assertThat(plan.sessionRateSource()).isEqualTo("--session-rate");
    }

    @Test
    void unthrottledTheTimelineEndsAboutNowSoNoEventIsAheadOfTheWallClock() {
        SimulationPlan plan = plan("PRODUCER_EVENTS", "100000");
        assertThat(plan.settings().sessionsPerSecond()).isEqualTo(SimulationSettings.NOMINAL_SESSIONS_PER_SECOND);
        double span = 100_000 / plan.eventsPerSecond();
        assertThat(Duration.between(plan.start(), NOW).toMillis() / 1000.0).isCloseTo(span * 1.1, within(0.01));

        assertThat(plan().start()).as("no event limit: an hour back").isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(plan("PRODUCER_START_TIME", "2026-01-18T00:00:00Z").start())
                .isEqualTo(Instant.parse("2026-01-18T00:00:00Z"));
    }

    @Test
    void theWarmUpStaysWithinASessionTimeoutAndAnAffordableNumberOfEvents() {
        assertThat(plan("PRODUCER_RATE", "200", "PRODUCER_SESSION_TIMEOUT", "5m").warmUp()).isEqualTo(Duration.ofMinutes(5));
        SimulationPlan busy = plan("PRODUCER_RATE", "1000000");
        assertThat(busy.eventsPerSecond() * busy.warmUp().toMillis() / 1000.0)
                .isLessThanOrEqualTo(SimulationPlan.WARM_UP_EVENT_BUDGET * 1.001);
    }
}
