package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import io.clickstream.common.config.ConfigException;
import io.clickstream.testkit.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeapFitTest {
    private static final long MB = 1L << 20;
    private static final long DEFAULT_BUDGET = 256 * MB;

    @Test
    void theDefaultBudgetIsKeptWhereTheHeapHoldsIt() {
        assertThat(ConsumerConfig.from(Map.of(), Set.of(), 6 * 1024 * MB).bufferMaxBytes()).isEqualTo(DEFAULT_BUDGET);
        assertThat(ConsumerConfig.from(Map.of(), Set.of(), Long.MAX_VALUE).bufferMaxBytes()).isEqualTo(DEFAULT_BUDGET);
    }

    @Test
    void theReadmesHeapForTheDefaultBudgetHoldsItAndAMegabyteLessDoesNot() {
        assertThat(ConsumerConfig.from(Map.of(), Set.of(), 384 * MB).bufferMaxBytes()).isEqualTo(DEFAULT_BUDGET);
        assertThat(ConsumerConfig.from(Map.of(), Set.of(), 383 * MB).bufferMaxBytes()).isLessThan(DEFAULT_BUDGET);
    }

    @Test
    void anUnsetBudgetIsLoweredToWhatASmallHeapHoldsAndTheLogSaysSo() {
        try (var logs = LogCapture.of(HeapFit.class).atLevel(Level.INFO).quiet()) {
            long budget = ConsumerConfig.from(Map.of(), Set.of(), 256 * MB).bufferMaxBytes();

            // (256 MB - 64 MB) x 4/5, in whole megabytes
            assertThat(budget).isEqualTo(153 * MB);
            assertThat(HeapFit.heapNeeded(budget)).isLessThanOrEqualTo(256 * MB);
            assertThat(logs.messages()).singleElement().asString()
                    .contains("BUFFER_MAX_BYTES is not set: 153MB instead of its default 256MB")
                    .contains("maximum heap of 256 MB");
        }
    }

    @Test
    void aBudgetThatWasSetAndDoesNotFitIsRefusedNamingTheVariableTheHeapAndWhatWouldFit() {
        List<String> problems = problems(Map.of("BUFFER_MAX_BYTES", "1GB"), Set.of(), 512 * MB);

        assertThat(problems).singleElement().asString()
                .startsWith("BUFFER_MAX_BYTES=1GB: does not fit the JVM's maximum heap of 512 MB")
                .contains("Set it to at most 358MB")
                .contains("a heap of at least 1344 MB");
    }

    @Test
    void aBudgetGivenAsAFlagIsRefusedUnderTheFlagsName() {
        List<String> problems = problems(Map.of("BUFFER_MAX_BYTES", "512MB"), Set.of("BUFFER_MAX_BYTES"), 256 * MB);

        assertThat(problems).singleElement().asString()
                .startsWith("--buffer-max-bytes (BUFFER_MAX_BYTES)=512MB: does not fit");
    }

    @Test
    void aBudgetThatWasSetAndFitsIsKeptEvenBelowTheDefaultHeap() {
        assertThat(ConsumerConfig.from(Map.of("BUFFER_MAX_BYTES", "64MB"), Set.of(), 160 * MB).bufferMaxBytes())
                .isEqualTo(64 * MB);
        assertThat(ConsumerConfig.from(Map.of("BUFFER_MAX_BYTES", "153MB"), Set.of(), 256 * MB).bufferMaxBytes())
                .isEqualTo(153 * MB);
        assertThat(problems(Map.of("BUFFER_MAX_BYTES", "154MB"), Set.of(), 256 * MB)).hasSize(1);
    }

    @Test
    void aHeapTooSmallForAnyBudgetIsRefusedWithTheHeapItNeeds() {
        List<String> problems = problems(Map.of(), Set.of(), 64 * MB);

        assertThat(problems).singleElement().asString()
                .startsWith("BUFFER_MAX_BYTES: the JVM's maximum heap of 64 MB is too small for the consumer")
                .contains("at least 84 MB (-Xmx, or -XX:MaxRAMPercentage");
    }

    @Test
    void aBudgetSetTooLargeForATinyHeapIsToldOnlyToRaiseTheHeap() {
        List<String> problems = problems(Map.of("BUFFER_MAX_BYTES", "32MB"), Set.of(), 64 * MB);

        assertThat(problems).singleElement().asString().contains("Give the JVM a heap of at least 104 MB")
                .doesNotContain("Set it to at most");
    }

    @Test
    void aValueAlreadyRefusedIsOneProblemNotTwo() {
        assertThat(problems(Map.of("BUFFER_MAX_BYTES", "100GB"), Set.of(), 256 * MB)).singleElement().asString()
                .contains("must be between 1MB and 64GB");
        assertThat(problems(Map.of("BUFFER_MAX_BYTES", "lots"), Set.of(), 256 * MB)).singleElement().asString()
                .contains("is not a size");
    }

    @Test
    void theNeededHeapAndTheFittingBudgetAgreeForEveryHeap() {
        for (long heap = 80 * MB; heap <= 64L * 1024 * MB; heap += heap / 7 + 1) {
            long budget = HeapFit.budgetFor(heap);
            assertThat(HeapFit.heapNeeded(budget)).as("heap %d", heap).isLessThanOrEqualTo(heap);
            assertThat(HeapFit.heapNeeded(budget + 2 * MB)).as("heap %d", heap).isGreaterThan(heap);
        }
    }

    private static List<String> problems(Map<String, String> env, Set<String> fromFlags, long maxHeap) {
        var e = catchThrowableOfType(ConfigException.class, () -> ConsumerConfig.from(env, fromFlags, maxHeap));
        return e == null ? List.of() : e.problems();
    }
}
