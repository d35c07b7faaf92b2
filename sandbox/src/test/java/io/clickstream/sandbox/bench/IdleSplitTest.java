package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleSplitTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long S = 1_000_000_000L;

    @Test
    void commitsDuringTheIdleWaitLeaveNothingOutOfTheRateAndTheirUploadTimeIsTheTail() {
        // last record read at 100 s, everything committed at 102 s, idle exit logged at 105 s
        IdleSplit split = IdleSplit.of(102 * S, 105 * S, WAIT);

        assertThat(split.counted()).isZero();
        assertThat(split.tail()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void filesFlushedOnlyAtTheIdleExitLeaveTheWholeWaitOut() {
        // last record read at 100 s, idle exit at 105 s, flushed, uploaded and committed at 107 s
        IdleSplit split = IdleSplit.of(107 * S, 105 * S, WAIT);

        assertThat(split.counted()).isEqualTo(WAIT);
        assertThat(split.tail()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void noIdleLineLeavesNothingOutAndTheTailUnknown() {
        IdleSplit split = IdleSplit.of(107 * S, -1, WAIT);

        assertThat(split.counted()).isZero();
        assertThat(split.tail().isNegative()).isTrue();
    }
}
