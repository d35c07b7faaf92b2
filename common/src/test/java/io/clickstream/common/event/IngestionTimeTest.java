package io.clickstream.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IngestionTimeTest {
    private static final Instant EVENT_TIME = Instant.parse("2026-01-19T10:15:30Z");

    @Test
    void isTheKafkaRecordTimestamp() {
        assertThat(IngestionTime.of(1_768_820_000_123L, EVENT_TIME)).isEqualTo(Instant.ofEpochMilli(1_768_820_000_123L));
    }

    @Test
    void isTheEventTimeWhenTheRecordCarriesNoTimestamp() {
        assertThat(IngestionTime.of(-1L, EVENT_TIME)).isEqualTo(EVENT_TIME);
        assertThat(IngestionTime.of(Long.MIN_VALUE, EVENT_TIME)).isEqualTo(EVENT_TIME);
    }

    @Test
    void takesAZeroTimestampAtFaceValue() {
        assertThat(IngestionTime.of(0L, EVENT_TIME)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void givesTheSameValueOnEveryReplayOfARecord() {
        assertThat(IngestionTime.of(1_768_820_000_123L, EVENT_TIME))
                .isEqualTo(IngestionTime.of(1_768_820_000_123L, EVENT_TIME.plusSeconds(3600)));
    }
}
