package io.clickstream.consumer.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

class ObjectKeyLayoutPropertiesTest {
    private static final ObjectKeyLayout LAYOUT = new ObjectKeyLayout("clickstream");
    private static final Instant HOUR = Instant.parse("2026-01-19T10:00:00Z");

    /**
     * Within one partition and hour, a later first offset with a first timestamp that is not earlier
     * (log-append time, or a producer whose clock does not go back) sorts after: offsets are padded.
     */
    @Property(tries = 100)
    void keysSortByOffsetWithinAPartitionAndHour(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b,
            @ForAll @IntRange(min = 0, max = 3_599_999) int msA,
            @ForAll @IntRange(min = 0, max = 3_599_999) int msB,
            @ForAll @IntRange(min = 0, max = 1000) int partition) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        Instant earlier = HOUR.plusMillis(Math.min(msA, msB));
        Instant later = HOUR.plusMillis(Math.max(msA, msB));

        String lowKey = LAYOUT.key(new FileId(HOUR, false, earlier, "clickstream", partition, low));
        String highKey = LAYOUT.key(new FileId(HOUR, false, later, "clickstream", partition, high));

        assertThat(Integer.signum(lowKey.compareTo(highKey))).isEqualTo(
                low == high && msA == msB ? 0 : -1);
    }

    @Property(tries = 100)
    void keysOfFilesStartingInTheSameMillisecondSortExactlyLikeTheirOffsets(
            @ForAll @Size(min = 2, max = 30) @UniqueElements List<@LongRange(min = 0, max = Long.MAX_VALUE) Long> offsets,
            @ForAll @IntRange(min = 0, max = 3_599_999) int ms) {
        Instant first = HOUR.plusMillis(ms);
        List<Long> byKey = offsets.stream()
                .sorted(Comparator.comparing((Long o) -> LAYOUT.key(new FileId(HOUR, false, first, "clickstream", 5, o))))
                .toList();

        assertThat(byKey).isEqualTo(offsets.stream().sorted().toList());
    }

    @Property(tries = 100)
    void everyInstantOfAnHourMapsToThatHoursFolder(@ForAll @IntRange(min = 0, max = 3_599_999) int ms,
            @ForAll @IntRange(min = 0, max = 999_999) int nanosWithinMs) {
        Instant t = HOUR.plusMillis(ms).plusNanos(nanosWithinMs);

        assertThat(ObjectKeyLayout.hourOf(t)).isEqualTo(HOUR);
        assertThat(ObjectKeyLayout.hourFolder(ObjectKeyLayout.hourOf(t))).isEqualTo("year=2026/month=01/day=19/hour=10");
    }
}
