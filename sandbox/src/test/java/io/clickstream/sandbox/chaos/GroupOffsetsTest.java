package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupOffsetsTest {

    @Test
    void theDrainsLineNamesEachPartitionBehindWithItsLagAndItsOwnerOrNobody() {
        String line = GroupOffsets.describeBehind(Map.of(0, 100L, 3, 8893L, 5, 40L, 1, 7L),
                Map.of(0, 100L, 3, 8369L, 5, 10L), Map.of(0, "chaos-1", 5, "chaos-7"));
        assertThat(line).isEqualTo("partition 1: 7 behind, owned by nobody; partition 3: 524 behind, owned by nobody; "
                + "partition 5: 30 behind, owned by chaos-7");
    }

    @Test
    void nothingBehindIsAnEmptyLine() {
        assertThat(GroupOffsets.describeBehind(Map.of(0, 5L), Map.of(0, 5L), Map.of())).isEmpty();
    }
}
