package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.common.config.ConfigException;
import io.clickstream.consumer.testing.ChildJvm;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Cases the author of {@link HeapFit} did not write (a hostile review of b13e765). */
class HeapFitHostileTest {
    private static final long MB = 1L << 20;

    @Test
    void aHeapOfTheSizeTheRefusalAsksForIsAccepted() {
        // Before: the check used Runtime.maxMemory(), which Parallel puts about a ninth under -Xmx, so -Xmx544m (as
        // asked for BUFFER_MAX_BYTES=384MB) was refused again with the same request.
        for (String budget : List.of("17MB", "100MB", "256MB", "384MB", "1GB", "5GB", "64GB")) {
            String message = problems(Map.of("BUFFER_MAX_BYTES", budget), 84 * MB).get(0);
            long asked = heapAskedFor(message);

            assertThat(problems(Map.of("BUFFER_MAX_BYTES", budget), asked * MB))
                    .as("BUFFER_MAX_BYTES=%s with -Xmx%dm, as the message asked", budget, asked).isEmpty();
        }
        assertThat(heapAskedFor(problems(Map.of("BUFFER_MAX_BYTES", "1GB"), 512 * MB).get(0))).isEqualTo(1344);
    }

    @Test
    void theHeapHeldAgainstIsTheXmxGivenWhateverTheCollectorReports() throws Exception {
        for (String collector : List.of("-XX:+UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseG1GC")) {
            ChildJvm.Result probe = ChildJvm.run(List.of(collector, "-Xmx384m"), MaxHeapProbe.class);
            String out = probe.output().trim();

            assertThat(probe.exitCode()).as(out).isZero();
            assertThat(out).as(collector).isEqualTo(Long.toString(384 * MB));
        }
    }

    /** Prints what the consumer holds its budget against, in a JVM of the test's choosing. */
    static final class MaxHeapProbe {
        public static void main(String[] args) {
            System.out.println(HeapFit.configuredMaxHeap());
        }
    }

    @Test
    void theLoweredDefaultKeepsTheDocumentedRuleWhereTheMaximumHeapIsTheXmxItself() {
        // README: "The heap must hold 1.25 x BUFFER_MAX_BYTES + 64 MB". Before, a sixteenth of slack was allowed on top:
        // -Xmx256m lowered the budget to 166MB, and under ZGC that ended once in four runs in OutOfMemoryError
        // (sandbox bench, 48 partitions, 1,000,000 events).
        for (long xmx : List.of(256 * MB, 300 * MB, 512 * MB, 1024 * MB)) {
            long budget = ConsumerConfig.from(Map.of(), Set.of(), xmx).bufferMaxBytes();
            assertThat(budget + budget / 4 + 64 * MB).as("-Xmx%dm: the lowered budget %dMB, 1.25 x it + 64 MB",
                    xmx / MB, budget / MB).isLessThanOrEqualTo(xmx);
        }
    }

    @Test
    void theLargestValueTheRefusalOffersFitsTheHeapByTheRefusalsOwnArithmetic() {
        // Before: at -Xmx256m, "... 273 MB in all. Set it to at most 166MB", and 166MB is 272 MB in all by the same rule.
        String message = problems(Map.of("BUFFER_MAX_BYTES", "167MB"), 256 * MB).get(0);
        Matcher offered = Pattern.compile("Set it to at most (\\d+)MB").matcher(message);
        assertThat(offered.find()).as(message).isTrue();
        long atMost = Long.parseLong(offered.group(1)) * MB;

        assertThat(HeapFit.heapNeeded(atMost)).as("what %s needs, by the message's rule", offered.group())
                .isLessThanOrEqualTo(256 * MB);
    }

    @Test
    void anotherSettingsProblemThatMentionsTheNameDoesNotHideTheHeapRefusal() {
        // A bad bucket name is its own problem; the budget that does not fit the heap is another, and must be listed.
        List<String> problems = problems(Map.of("S3_BUCKET", "BUFFER_MAX_BYTES", "BUFFER_MAX_BYTES", "1GB"), 256 * MB);

        assertThat(problems).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("S3_BUCKET=BUFFER_MAX_BYTES"))
                .anySatisfy(p -> assertThat(p).startsWith("BUFFER_MAX_BYTES=1GB: does not fit"));
    }

    @Test
    void aHeapTooSmallForAnyBudgetNamesTheContainerLimitAsTheOtherRefusalDoes() {
        // The image sizes its heap with -XX:MaxRAMPercentage=75: a 100Mi container gives a 75 MB heap, and there is no
        // -Xmx to raise.
        String tooSmall = problems(Map.of(), 75 * MB).get(0);

        assertThat(tooSmall).startsWith("BUFFER_MAX_BYTES: the JVM's maximum heap of 75 MB is too small")
                .contains("-XX:MaxRAMPercentage");
    }

    @Test
    void aFlagThatLowersAnEnvironmentValueTooLargeForTheHeapIsAccepted() {
        var values = Map.of("BUFFER_MAX_BYTES", "64MB");

        assertThat(ConsumerConfig.from(values, Set.of("BUFFER_MAX_BYTES"), 256 * MB).bufferMaxBytes()).isEqualTo(64 * MB);
    }

    @Test
    void sizesInEveryAcceptedSpellingAreHeldAgainstTheHeapAsTheSameValue() {
        for (String spelling : List.of(" 256MB ", "256mb", "256MiB", "256 MB", "268435456", "262144KB")) {
            assertThat(problems(Map.of("BUFFER_MAX_BYTES", spelling), 256 * MB)).as(spelling).singleElement().asString()
                    .contains("does not fit the JVM's maximum heap of 256 MB").contains("384 MB in all");
        }
    }

    private static long heapAskedFor(String message) {
        Matcher m = Pattern.compile("a heap of at least (\\d+) MB").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static List<String> problems(Map<String, String> env, long maxHeap) {
        var e = catchThrowableOfType(ConfigException.class, () -> ConsumerConfig.from(env, Set.of(), maxHeap));
        return e == null ? List.of() : e.problems();
    }
}
