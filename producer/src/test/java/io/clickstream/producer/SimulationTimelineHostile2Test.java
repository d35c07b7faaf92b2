package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.common.config.ConfigException;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.sim.VisitLength;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Second hostile pass at SimulationPlan.checkTimeline as ProducerConfig.from applies it. */
@Timeout(60)
class SimulationTimelineHostile2Test {
    private static final Instant Y2100 = Instant.parse("2100-01-01T00:00:00Z");

    private static Map<String, String> env(String... keysAndValues) {
        var env = new HashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    private static ConfigException refusedOrNull(Map<String, String> env) {
        return catchThrowableOfType(() -> ProducerConfig.from(env, Set.of()), ConfigException.class);
    }

    private static void accepted(String... keysAndValues) {
        assertThatCode(() -> ProducerConfig.from(env(keysAndValues), Set.of())).as(String.join(" ", keysAndValues))
                .doesNotThrowAnyException();
    }

    /** The timestamp of the {@code count}-th event the accepted run would make. */
    private static Instant lastEventOf(ProducerConfig config, long count) {
        ClickstreamGenerator generator = SimulationPlan.of(config, Instant.now()).generator(config.seed());
        Instant last = null;
        for (long i = 0; i < count; i++) {
            last = generator.next().timestamp();
        }
        return last;
    }

    @Test
    void notNumbersAndHugeRatesAreRefusedInOneLineNamingTheRate() {
        for (String rate : new String[] {"NaN", "Infinity", "-Infinity", "1e308", "-0.0001"}) {
            ConfigException refused = refusedOrNull(env("PRODUCER_RATE", rate));
            assertThat(refused).as(rate).isNotNull();
            assertThat(refused.problems()).as(rate).singleElement().asString().startsWith("PRODUCER_RATE=" + rate + ":");
        }
    }

    @Test
    void speedupExtremesAreRefusedNamingTheSettingOrAcceptedWithoutAnError() {
        ConfigException slow = refusedOrNull(env("PRODUCER_RATE", "0.001", "PRODUCER_SPEEDUP", "1000000"));
        assertThat(slow).isNotNull();
        assertThat(slow.problems()).singleElement().asString().startsWith("PRODUCER_RATE=0.001: with PRODUCER_SPEEDUP=1000000");
        accepted("PRODUCER_RATE", "10000000", "PRODUCER_SPEEDUP", "0.001");
        for (String speedup : new String[] {"NaN", "Infinity", "0"}) {
            ConfigException refused = refusedOrNull(env("PRODUCER_RATE", "100", "PRODUCER_SPEEDUP", speedup));
            assertThat(refused).as(speedup).isNotNull();
            assertThat(refused.problems()).as(speedup).singleElement().asString().startsWith("PRODUCER_SPEEDUP=" + speedup + ":");
        }
    }

    @Test
    void aRateJustAboveTheSessionLimitIsAcceptedAndJustBelowIsRefused() {
        double mean = VisitLength.meanEventsPerSession(SimulationSettings.DEFAULTS);
        String above = String.format(Locale.ROOT, "%.6f", 0.001 * mean * 1.01);
        String below = String.format(Locale.ROOT, "%.6f", 0.001 * mean * 0.99);
        accepted("PRODUCER_RATE", above);
        ConfigException refused = refusedOrNull(env("PRODUCER_RATE", below));
        assertThat(refused).isNotNull();
        assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_RATE=" + below + ":");
    }

    @Test
    void usefulCombinationsAreStillAccepted() {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        accepted("PRODUCER_RATE", "0", "PRODUCER_START_TIME", now, "PRODUCER_EVENTS", "100"); // start exactly now
        accepted("PRODUCER_RATE", "0", "PRODUCER_START_TIME", now); // open-ended, from now
        accepted("PRODUCER_RATE", "50", "PRODUCER_DIURNAL", "true", "PRODUCER_SESSION_RATE", "0.001");
        accepted("PRODUCER_RATE", "0", "PRODUCER_DIURNAL", "true", "PRODUCER_EVENTS", "1000000");
        accepted("PRODUCER_RATE", "100", "PRODUCER_DURATION", "10m");
        accepted("PRODUCER_RATE", "0", "PRODUCER_DURATION", "10m");
        accepted("PRODUCER_RATE", "0.01", "PRODUCER_START_TIME", "2000-01-01T00:00:00Z", "PRODUCER_EVENTS", "10");
        accepted("PRODUCER_RATE", "0", "PRODUCER_SESSION_RATE", "0.001", "PRODUCER_EVENTS", "1000");
    }

    @Test
    void theCheckIsQuickEvenForBehaviourSettingsThatMakeVeryLongSessions() {
        long started = System.nanoTime();
        accepted("PRODUCER_RATE", "0", "PRODUCER_EVENTS", "1000", "PRODUCER_SESSION_TIMEOUT", "1d",
                "PRODUCER_THINK_TIME", "100ms", "PRODUCER_EXIT_PROBABILITY", "0", "PRODUCER_BOUNCE_PROBABILITY", "0");
        accepted("PRODUCER_RATE", "5", "PRODUCER_SESSION_TIMEOUT", "1d", "PRODUCER_THINK_TIME", "1h",
                "PRODUCER_EXIT_PROBABILITY", "0", "PRODUCER_BOUNCE_PROBABILITY", "0");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theLargestUnthrottledEventCountStillStartsTheTimelineAfter2000() {
        ConfigException refused = refusedOrNull(env("PRODUCER_RATE", "0", "PRODUCER_EVENTS", "999999999999999",
                "PRODUCER_SESSION_RATE", "1000000"));
        if (refused != null) {
            assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_EVENTS=");
            return;
        }
        var config = ProducerConfig.from(env("PRODUCER_RATE", "0", "PRODUCER_EVENTS", "999999999999999",
                "PRODUCER_SESSION_RATE", "1000000"), Set.of());
        assertThat(SimulationPlan.of(config, Instant.now()).start()).isAfter(Instant.parse("2000-01-01T00:00:00Z"));
    }

    /**
     * The 2100 check spans the events at the day's mean rate (x 1.1), but a back-fill follows the daily curve by
     * default, and the last half hour of a day runs well below the mean: an accepted run still dates events in 2100.
     */
    @Test
    void anAcceptedDiurnalBackfillEndingNearMidnight2099NeverDatesEventsIn2100() {
        var env = env("PRODUCER_START_TIME", "2099-12-31T23:30:00Z", "PRODUCER_RATE", "1000", "PRODUCER_SPEEDUP", "36",
                "PRODUCER_EVENTS", "45000", "PRODUCER_SEED", "1");
        ConfigException refused = refusedOrNull(env);
        if (refused != null) {
            assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_START_TIME=");
            return;
        }
        var config = ProducerConfig.from(env, Set.of());
        assertThat(lastEventOf(config, 45_000)).as("the 45,000th event").isBefore(Y2100);
    }

    /** A run limited by --duration instead of --events is not checked at all against 2100. */
    @Test
    void aDurationLimitedBackfillThatWouldRunPast2100IsRefusedOrStaysBeforeIt() {
        var env = env("PRODUCER_START_TIME", "2099-12-31T23:59:00Z", "PRODUCER_RATE", "1000", "PRODUCER_SPEEDUP", "3600",
                "PRODUCER_DURATION", "1m", "PRODUCER_SEED", "1");
        ConfigException refused = refusedOrNull(env);
        if (refused != null) {
            assertThat(refused.problems()).singleElement().asString().startsWith("PRODUCER_");
            return;
        }
        var config = ProducerConfig.from(env, Set.of());
        // one minute at 1,000 events per second
        assertThat(lastEventOf(config, 60_000)).as("the last event of the minute").isBefore(Y2100);
    }
}
