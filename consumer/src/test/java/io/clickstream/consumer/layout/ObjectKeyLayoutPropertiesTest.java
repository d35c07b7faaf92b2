package io.clickstream.consumer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the key layout over seeded generated inputs (reproducible: the seed is fixed). */
class ObjectKeyLayoutPropertiesTest {
    private static final ObjectKeyLayout LAYOUT = new ObjectKeyLayout("clickstream");
    private static final Instant HOUR = Instant.parse("2026-01-19T10:00:00Z");
    private static final int TRIES = 300;

    static Stream<Arguments> offsetPairs() {
        var random = new SplittableRandom(11);
        return IntStream.range(0, TRIES).mapToObj(i -> Arguments.of(
                random.nextLong(0, Long.MAX_VALUE), i % 10 == 0 ? 0L : random.nextLong(0, Long.MAX_VALUE),
                random.nextInt(3_600_000), random.nextInt(3_600_000), random.nextInt(1001)));
    }

    /**
     * Within one partition and hour, a later first offset with a first timestamp that is not earlier
     * (log-append time, or a producer whose clock does not go back) sorts after: offsets are padded.
     */
    @ParameterizedTest(name = "offsets {0}, {1}; ms {2}, {3}; partition {4}")
    @MethodSource("offsetPairs")
    void keysSortByOffsetWithinAPartitionAndHour(long a, long b, int msA, int msB, int partition) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        Instant earlier = HOUR.plusMillis(Math.min(msA, msB));
        Instant later = HOUR.plusMillis(Math.max(msA, msB));

        String lowKey = LAYOUT.key(new FileStart(new TopicPartition("clickstream", partition), low, earlier, false));
        String highKey = LAYOUT.key(new FileStart(new TopicPartition("clickstream", partition), high, later, false));

        assertThat(Integer.signum(lowKey.compareTo(highKey))).isEqualTo(low == high && msA == msB ? 0 : -1);
    }

    static Stream<Arguments> offsetLists() {
        var random = new SplittableRandom(12);
        return IntStream.range(0, TRIES).mapToObj(i -> {
            var offsets = new LinkedHashSet<Long>();
            int n = random.nextInt(2, 31);
            while (offsets.size() < n) {
                offsets.add(random.nextBoolean() ? random.nextLong(0, 1_000_000) : random.nextLong(0, Long.MAX_VALUE));
            }
            return Arguments.of(new ArrayList<>(offsets), random.nextInt(3_600_000));
        });
    }

    @ParameterizedTest(name = "{0} at ms {1}")
    @MethodSource("offsetLists")
    void keysOfFilesStartingInTheSameMillisecondSortExactlyLikeTheirOffsets(List<Long> offsets, int ms) {
        Instant first = HOUR.plusMillis(ms);
        List<Long> byKey = offsets.stream()
                .sorted(Comparator.comparing((Long o) -> LAYOUT.key(new FileStart(new TopicPartition("clickstream", 5), o, first, false))))
                .toList();

        assertThat(byKey).isEqualTo(offsets.stream().sorted().toList());
    }

    static Stream<Arguments> instantsInTheHour() {
        var random = new SplittableRandom(13);
        return Stream.concat(Stream.of(Arguments.of(0, 0), Arguments.of(3_599_999, 999_999)),
                IntStream.range(0, TRIES).mapToObj(i -> Arguments.of(random.nextInt(3_600_000), random.nextInt(1_000_000))));
    }

    @ParameterizedTest(name = "ms {0} + ns {1}")
    @MethodSource("instantsInTheHour")
    void everyInstantOfAnHourMapsToThatHoursFolder(int ms, int nanosWithinMs) {
        Instant t = HOUR.plusMillis(ms).plusNanos(nanosWithinMs);

        assertThat(HourFolder.hourOf(t)).isEqualTo(HOUR);
        assertThat(HourFolder.of(t, false).path()).isEqualTo("year=2026/month=01/day=19/hour=10");
    }
}
