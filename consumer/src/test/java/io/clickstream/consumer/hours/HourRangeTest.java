package io.clickstream.consumer.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HourRangeTest {
    private static final Instant H05 = Instant.parse("2026-12-04T05:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T05", "2026-12-04T05:00", "2026-12-04T05:59", "2026-12-04T05:00:00Z",
            "2026-12-04T05:59:59.999Z", " 2026-12-04T05 "})
    void aSingleHourInAnyAcceptedFormIsThatHour(String text) {
        HourRange range = HourRange.parse(text);

        assertThat(range.from()).isEqualTo(H05);
        assertThat(range.to()).isEqualTo(H05);
        assertThat(range.hours()).isEqualTo(1);
    }

    @Test
    void aRangeIncludesBothEnds() {
        HourRange range = HourRange.parse("2026-12-01T00..2026-12-03T23");

        assertThat(range.from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-03T23:00:00Z"));
        assertThat(range.hours()).isEqualTo(72);
    }

    @Test
    void formsMixInARangeAndInstantsAreTruncatedToTheirHour() {
        HourRange range = HourRange.parse("2026-12-04T05:30:00Z .. 2026-12-04T07:45");

        assertThat(range).isEqualTo(new HourRange(H05, Instant.parse("2026-12-04T07:00:00Z")));
        assertThat(range.hours()).isEqualTo(3);
        assertThat(HourRange.parse("2026-12-04T05..2026-12-04T05").hours()).isEqualTo(1);
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> HourRange.parse("2026-12-04T06..2026-12-04T05"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before it starts")
                .hasMessageContaining("2026-12-04T05:00:00Z")
                .hasMessageContaining("2026-12-04T06:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "2026-12-04", "2026-12-04T25", "2026-13-04T05", "2026-12-04T05..",
            "..2026-12-04T05", "2026-12-04T05..tomorrow", "05:00", "1764824400000"})
    void somethingThatIsNotAnHourIsRefusedSayingWhatIsExpected(String text) {
        assertThatThrownBy(() -> HourRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an hour")
                .hasMessageContaining("2026-12-04T05");
    }

    @Test
    void theRefusalQuotesTheOffendingPart() {
        assertThatThrownBy(() -> HourRange.parse("2026-12-04T05..tomorrow"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'tomorrow' is not an hour");
    }

    @Test
    void aRangeOfMoreThanMaxHoursIsRefused() {
        Instant from = Instant.parse("2000-01-01T00:00:00Z");
        Instant tooFar = from.plusSeconds(3_600 * (HourRange.MAX_HOURS + 1));

        assertThatThrownBy(() -> HourRange.parse(from + ".." + tooFar))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spans more than " + HourRange.MAX_HOURS + " hours");
    }

    @Test
    void aRangeOfMaxHoursIsAccepted() {
        Instant from = Instant.parse("2000-01-01T00:00:00Z");
        Instant last = from.plusSeconds(3_600 * (HourRange.MAX_HOURS - 1));

        assertThat(HourRange.parse(from + ".." + last).hours()).isEqualTo(HourRange.MAX_HOURS);
    }

    @Test
    void hoursCountsInclusively() {
        for (int n = 1; n <= 100; n++) {
            HourRange range = new HourRange(H05, H05.plusSeconds(3_600L * (n - 1)));
            assertThat(range.hours()).isEqualTo(n);
        }
    }
}
