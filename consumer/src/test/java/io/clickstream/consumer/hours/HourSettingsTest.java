package io.clickstream.consumer.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.common.config.ConfigException;
import io.clickstream.consumer.ConsumerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HourSettingsTest {

    private static HourSettings hours(Map<String, String> env) {
        return ConsumerConfig.from(env, Set.of()).hours();
    }

    private static List<String> problems(Map<String, String> env) {
        var e = catchThrowableOfType(ConfigException.class, () -> ConsumerConfig.from(env, Set.of()));
        return e == null ? List.of() : e.problems();
    }

    @Test
    void defaults() {
        HourSettings h = hours(Map.of());

        assertThat(h.enabled()).isTrue();
        assertThat(h.grace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(h.idle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(h.checkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(h.lookback()).isEqualTo(Duration.ofHours(48));
        assertThat(h.deleteOrphans()).as("orphans are listed").isFalse();
        assertThat(h.finalizeRange()).isNull();
    }

    @Test
    void everySettingIsRead() {
        HourSettings h = hours(Map.of("HOUR_MARKERS", "false", "HOUR_COMPLETE_GRACE", "5m", "HOUR_CHECK_INTERVAL", "2m",
                "HOUR_LOOKBACK", "7d", "HOUR_ORPHANS", "list", "FINALIZE_HOURS", "2026-12-01T00..2026-12-03T23"));

        assertThat(h.enabled()).isFalse();
        assertThat(h.grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(h.idle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(h.checkInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(h.lookback()).isEqualTo(Duration.ofDays(7));
        assertThat(h.deleteOrphans()).isFalse();
        assertThat(h.finalizeRange()).isEqualTo(new HourRange(Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-03T23:00:00Z")));
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "yes,true", "1,true", "false,false", "No,false", "0,false"})
    void hourMarkersAcceptsTheUsualBooleans(String value, boolean enabled) {
        assertThat(hours(Map.of("HOUR_MARKERS", value)).enabled()).isEqualTo(enabled);
    }

    @Test
    void withEventTimePartitionsTheGraceIsLateEventMaxWhileIdleStaysTheHourGrace() {
        HourSettings h = hours(Map.of("PARTITION_TIME", "event", "LATE_EVENT_MAX", "2h", "HOUR_COMPLETE_GRACE", "15m"));

        assertThat(h.grace()).isEqualTo(Duration.ofHours(2));
        assertThat(h.idle()).isEqualTo(Duration.ofMinutes(15));

        HourSettings byDefault = hours(Map.of("PARTITION_TIME", "event"));
        assertThat(byDefault.grace()).as("LATE_EVENT_MAX's default").isEqualTo(Duration.ofHours(24));
        assertThat(byDefault.idle()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void withIngestionTimePartitionsLateEventMaxDoesNotMatter() {
        HourSettings h = hours(Map.of("PARTITION_TIME", "ingestion", "LATE_EVENT_MAX", "2h", "HOUR_COMPLETE_GRACE", "15m"));

        assertThat(h.grace()).isEqualTo(Duration.ofMinutes(15));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HOUR_MARKERS|maybe|must be true or false",
            "HOUR_COMPLETE_GRACE|0s|must be between",
            "HOUR_COMPLETE_GRACE|soon|is not a duration",
            "HOUR_CHECK_INTERVAL|2h|must be between",
            "HOUR_LOOKBACK|30m|must be between",
            "HOUR_ORPHANS|keep|must be one of list, delete",
            "FINALIZE_HOURS|yesterday|is not an hour",
            "FINALIZE_HOURS|2026-12-04T06..2026-12-04T05|before it starts"})
    void aBadValueIsAProblemNamingTheVariable(String variable, String value, String message) {
        List<String> problems = problems(Map.of(variable, value));

        assertThat(problems).singleElement().asString()
                .startsWith(variable + "=" + value + ": ")
                .contains(message);
    }

    @Test
    void everyBadHourSettingIsReportedAtOnce() {
        List<String> problems = problems(Map.of("HOUR_MARKERS", "maybe", "HOUR_COMPLETE_GRACE", "0s", "HOUR_ORPHANS", "keep",
                "FINALIZE_HOURS", "yesterday"));

        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems)).contains("HOUR_MARKERS=maybe", "HOUR_COMPLETE_GRACE=0s", "HOUR_ORPHANS=keep",
                "FINALIZE_HOURS=yesterday");
    }
}
