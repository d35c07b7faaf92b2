package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.ProducerSummary.Outcome;
import io.clickstream.producer.traffic.TrafficCounts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class ProducerSummaryHostile2Test {
    private static ProducerSummary summary(long sent, long acked, long failed, Map<String, Long> failures) {
        return new ProducerSummary(Outcome.STOPPED, null, 1, sent, acked, failed, TrafficCounts.EMPTY, failures,
                Duration.ofSeconds(1));
    }

    private static String notAcknowledged(ProducerSummary summary) {
        return summary.describe().stream().filter(line -> line.contains("NOT ACKNOWLEDGED")).findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", summary.describe())));
    }

    @Test
    void failedAndNeverConfirmedTogetherAddUpToTheNotAcknowledgedCount() {
        String line = notAcknowledged(summary(100, 60, 30, Map.of("RecordTooLargeException", 30L)));
        assertThat(line).startsWith("  NOT ACKNOWLEDGED: 40 events {RecordTooLargeException=30}, 10 never confirmed")
                .endsWith("may still be in the topic");
    }

    @Test
    void aRefusalOtherThanATimeoutAloneNeverSaysTheEventsMayBeInTheTopic() {
        assertThat(notAcknowledged(summary(5, 0, 5, Map.of("TopicAuthorizationException", 3L, "InvalidRecordException", 2L))))
                .isEqualTo("  NOT ACKNOWLEDGED: 5 events {InvalidRecordException=2, TopicAuthorizationException=3}");
    }

    @Test
    void aTimeoutAmongOtherFailuresStillSaysSomeMayBeInTheTopic() {
        assertThat(notAcknowledged(summary(5, 0, 5, Map.of("TopicAuthorizationException", 3L, "TimeoutException", 2L))))
                .endsWith("; one whose request timed out may still be in the topic");
    }

    @Test
    void aRunWithNothingSentHasNoNotAcknowledgedLine() {
        assertThat(summary(0, 0, 0, Map.of()).describe()).noneMatch(line -> line.contains("NOT ACKNOWLEDGED"));
    }

    @Test
    void largeCountsInTheNotAcknowledgedLineAreGroupedAlike() {
        assertThat(notAcknowledged(summary(2_000_000, 0, 0, Map.of())))
                .startsWith("  NOT ACKNOWLEDGED: 2,000,000 events, 2,000,000 never confirmed");
    }
}
