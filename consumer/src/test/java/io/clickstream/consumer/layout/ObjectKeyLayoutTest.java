package io.clickstream.consumer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ObjectKeyLayoutTest {
    private static final Instant HOUR = Instant.parse("2026-01-19T10:00:00Z");
    private static final Instant FIRST = Instant.parse("2026-01-19T10:15:30.123Z");

    @Test
    void keyHasHiveHourFoldersFirstTimestampTopicPartitionAndTwentyDigitOffset() {
        var key = new ObjectKeyLayout("clickstream").key(new FileStart(new TopicPartition("clickstream", 3), 42, FIRST, false));

        assertThat(key).isEqualTo("clickstream/year=2026/month=01/day=19/hour=10/"
                + "20260119T101530123Z-clickstream-3-00000000000000000042.parquet");
    }

    @Test
    void lateFilesGoUnderLateBelowThePrefix() {
        var key = new ObjectKeyLayout("lake").key(new FileStart(new TopicPartition("clickstream", 0), 7, FIRST, true));

        assertThat(key).isEqualTo("lake/late/year=2026/month=01/day=19/hour=10/"
                + "20260119T101530123Z-clickstream-0-00000000000000000007.parquet");
    }

    @Test
    void emptyOrMissingPrefixPutsTheHourFoldersAtTheBucketRoot() {
        var id = new FileStart(new TopicPartition("t", 1), 1, FIRST, false);

        assertThat(new ObjectKeyLayout("").key(id)).startsWith("year=2026/month=01/day=19/hour=10/");
        assertThat(new ObjectKeyLayout(null).key(id)).startsWith("year=2026/month=01/day=19/hour=10/");
        assertThat(new ObjectKeyLayout("").root()).isEmpty();
        assertThat(new ObjectKeyLayout("").key(new FileStart(new TopicPartition("t", 1), 1, FIRST, true))).startsWith("late/year=2026/");
    }

    @Test
    void rootIsThePrefixWithItsSlash() {
        assertThat(new ObjectKeyLayout("a/b").root()).isEqualTo("a/b/");
    }

    @Test
    void theLastMillisecondOfAnHourStaysInThatHour() {
        assertThat(HourFolder.hourOf(Instant.parse("2026-01-19T10:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-01-19T10:00:00Z"));
        assertThat(HourFolder.hourOf(Instant.parse("2026-01-19T11:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-19T11:00:00Z"));
        assertThat(HourFolder.hourOf(Instant.parse("2026-01-19T10:59:59.999999999Z")))
                .isEqualTo(Instant.parse("2026-01-19T10:00:00Z"));
    }

    @Test
    void hourFoldersRollOverAtDayMonthAndYearBoundaries() {
        assertThat(HourFolder.of(Instant.parse("2025-12-31T23:59:59.999Z"), false).path())
                .isEqualTo("year=2025/month=12/day=31/hour=23");
        assertThat(HourFolder.of(Instant.parse("2026-01-01T00:00:00Z"), false).path())
                .isEqualTo("year=2026/month=01/day=01/hour=00");
        assertThat(HourFolder.of(Instant.parse("2024-02-29T05:30:00Z"), false).path())
                .isEqualTo("year=2024/month=02/day=29/hour=05");
    }

    @Test
    void firstTimestampIsWrittenInUtcWithMilliseconds() {
        var layout = new ObjectKeyLayout("p");
        var key = layout.key(new FileStart(new TopicPartition("t", 0), 0, Instant.parse("2026-03-01T00:00:00Z"), false));

        assertThat(key).isEqualTo("p/year=2026/month=03/day=01/hour=00/20260301T000000000Z-t-0-00000000000000000000.parquet");
    }

    @Test
    void theLargestOffsetStillFitsTwentyDigits() {
        var key = new ObjectKeyLayout("p").key(new FileStart(new TopicPartition("t", 0), Long.MAX_VALUE, FIRST, false));

        assertThat(key).endsWith("-t-0-0" + Long.MAX_VALUE + ".parquet");
    }

    @Test
    void equalIdsGiveEqualKeys() {
        var layout = new ObjectKeyLayout("clickstream");

        assertThat(layout.key(new FileStart(new TopicPartition("clickstream", 2), 99, FIRST, false)))
                .isEqualTo(layout.key(new FileStart(new TopicPartition("clickstream", 2), 99, FIRST, false)));
    }
}
