package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.common.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Settings each valid alone that give a timeline the model cannot run or the consumer would reject. */
class SimulationTimelineCheckTest {
    private static Map<String, String> env(String... keysAndValues) {
        var env = new HashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    private static String refusal(String... keysAndValues) {
        ConfigException refused = catchThrowableOfType(() -> ProducerConfig.from(env(keysAndValues), Set.of()),
                ConfigException.class);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.problems()).hasSize(1);
        return refused.problems().get(0);
    }

    private static void accepted(String... keysAndValues) {
        assertThatCode(() -> ProducerConfig.from(env(keysAndValues), Set.of())).doesNotThrowAnyException();
    }

    @Test
    void aRateThatGivesFewerSessionsThanTheModelTakesIsRefusedSayingHowFewAndWhy() {
        assertThat(refusal("PRODUCER_RATE", "1e-300")).startsWith("PRODUCER_RATE=1e-300: with PRODUCER_SPEEDUP=1 gives")
                .contains("sessions per simulated second", "fewer than the simulation takes (0.001)");
        // the same rate is fine on a slower clock, and a low rate alone is fine
        assertThat(refusal("PRODUCER_RATE", "1", "PRODUCER_SPEEDUP", "1000000")).startsWith("PRODUCER_RATE=1: with PRODUCER_SPEEDUP=1000000");
        accepted("PRODUCER_RATE", "0.01");
        accepted("PRODUCER_RATE", "1e-300", "PRODUCER_SESSION_RATE", "0.001");
    }

    @Test
    void anUnthrottledRunRefusesAStartTimeInTheFutureAndTakesOneInThePast() {
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(refusal("PRODUCER_RATE", "0", "PRODUCER_START_TIME", tomorrow))
                .startsWith("PRODUCER_START_TIME=" + tomorrow + ": is in the future");
        accepted("PRODUCER_RATE", "0", "PRODUCER_START_TIME", "2026-01-19T00:00:00Z", "PRODUCER_EVENTS", "1000");
        accepted("PRODUCER_RATE", "100", "PRODUCER_START_TIME", tomorrow); // a paced run's clock may start anywhere
    }

    @Test
    void anUnthrottledEventCountIsLimitedToTenYearsOfTimelineAndTheMessageGivesTheLargestThatFits() {
        String message = refusal("PRODUCER_RATE", "0", "PRODUCER_EVENTS", Long.toString(Long.MAX_VALUE));
        assertThat(message).startsWith("PRODUCER_EVENTS=" + Long.MAX_VALUE + ": with PRODUCER_RATE=0 would start")
                .contains("more than 3650", "PRODUCER_SESSION_RATE");
        Matcher most = Pattern.compile("at most ([\\d,]+) events").matcher(message);
        assertThat(most.find()).as(message).isTrue();
        long largest = Long.parseLong(most.group(1).replace(",", ""));

        accepted("PRODUCER_RATE", "0", "PRODUCER_EVENTS", Long.toString(largest));
        assertThat(refusal("PRODUCER_RATE", "0", "PRODUCER_EVENTS", Long.toString(largest + largest / 1000)))
                .startsWith("PRODUCER_EVENTS=");
        // a busier shop holds more in the same ten years; a start time makes the lookback moot
        accepted("PRODUCER_RATE", "0", "PRODUCER_EVENTS", Long.toString(largest * 2), "PRODUCER_SESSION_RATE", "100");
        accepted("PRODUCER_RATE", "0", "PRODUCER_EVENTS", Long.toString(largest * 2),
                "PRODUCER_START_TIME", "2001-01-01T00:00:00Z");
    }

    @Test
    void aRunWithAStartTimeAndAnEventCountMustEndBefore2100() {
        assertThat(refusal("PRODUCER_START_TIME", "2099-12-31T23:59:00Z", "PRODUCER_RATE", "1000",
                "PRODUCER_SPEEDUP", "3600", "PRODUCER_EVENTS", "10000"))
                .startsWith("PRODUCER_START_TIME=2099-12-31T23:59:00Z: with PRODUCER_EVENTS=10000 runs up to about")
                .contains("past 2100-01-01T00:00:00Z");
        // counted at the night's rate (a back-fill follows the daily curve): a month before is room enough
        accepted("PRODUCER_START_TIME", "2099-12-01T00:00:00Z", "PRODUCER_RATE", "1000",
                "PRODUCER_SPEEDUP", "3600", "PRODUCER_EVENTS", "10000");
    }
}
