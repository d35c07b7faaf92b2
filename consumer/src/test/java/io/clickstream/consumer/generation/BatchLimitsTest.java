package io.clickstream.consumer.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchLimitsTest {
    private final BatchLimits limits = new BatchLimits(100, 1_000, Duration.ofSeconds(60));

    @Test
    void staysOpenBelowEveryLimit() {
        assertThat(limits.check(99, 999, 59_999)).isEqualTo(CloseReason.NONE);
        assertThat(limits.check(0, 0, 0)).isEqualTo(CloseReason.NONE);
    }

    @Test
    void closesOnRecordsWhenTheLargestFileReachesTheRowLimit() {
        assertThat(limits.check(100, 0, 0)).isEqualTo(CloseReason.RECORDS);
        assertThat(limits.check(101, 0, 0)).isEqualTo(CloseReason.RECORDS);
    }

    @Test
    void closesOnBytesWhenTheLargestFileReachesTheByteLimit() {
        assertThat(limits.check(1, 1_000, 0)).isEqualTo(CloseReason.BYTES);
        assertThat(limits.check(1, 5_000, 0)).isEqualTo(CloseReason.BYTES);
    }

    @Test
    void closesOnAgeWhenTheFirstRecordIsMaxAgeOld() {
        assertThat(limits.check(1, 1, 60_000)).isEqualTo(CloseReason.AGE);
        assertThat(limits.check(1, 1, 3_600_000)).isEqualTo(CloseReason.AGE);
    }

    @Test
    void recordsWinOverBytesAndAge() {
        assertThat(limits.check(100, 1_000, 60_000)).isEqualTo(CloseReason.RECORDS);
    }

    @Test
    void bytesWinOverAge() {
        assertThat(limits.check(5, 1_000, 60_000)).isEqualTo(CloseReason.BYTES);
    }

    @Test
    void subMillisecondAgeLimitsCloseImmediately() {
        assertThat(new BatchLimits(10, 10, Duration.ofNanos(500)).check(1, 1, 0)).isEqualTo(CloseReason.AGE);
    }
}
