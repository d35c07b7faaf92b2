package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.ProducerSummary.Outcome;
import io.clickstream.producer.traffic.TrafficCounts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSummaryTest {
    private static ProducerSummary summary(long sent, long acked, long failed, Map<String, Long> failures) {
        return new ProducerSummary(Outcome.STOPPED, null, 1, sent, acked, failed, TrafficCounts.EMPTY, failures,
                Duration.ofSeconds(1));
    }

    @Test
    void eventsRefusedByTheBrokerAreNotAcknowledgedAndNothingSuggestsTheyMightBeInTheTopic() {
        assertThat(summary(10, 0, 10, Map.of("RecordTooLargeException", 10L)).describe())
                .contains("  NOT ACKNOWLEDGED: 10 events {RecordTooLargeException=10}", "  result: FAILED");
    }

    @Test
    void eventsWhoseRequestTimedOutMayStillBeInTheTopicAndTheSummarySaysSo() {
        assertThat(summary(10, 4, 6, Map.of("TimeoutException", 6L)).describe()).anySatisfy(line -> assertThat(line)
                .startsWith("  NOT ACKNOWLEDGED: 6 events {TimeoutException=6}")
                .endsWith("; one whose request timed out may still be in the topic"));
    }

    @Test
    void eventsNeverConfirmedEitherWayMayBeInTheTopicToo() {
        assertThat(summary(10, 7, 0, Map.of()).describe()).anySatisfy(line -> assertThat(line)
                .isEqualTo("  NOT ACKNOWLEDGED: 3 events, 3 never confirmed; one whose request timed out may still be in the topic"));
    }

    @Test
    void aRunWithEveryEventAcknowledgedPromisesExactlyThat() {
        assertThat(summary(10, 10, 0, Map.of()).describe()).noneMatch(line -> line.contains("NOT ACKNOWLEDGED"))
                .contains("  result: every event sent was acknowledged");
    }
}
