package io.clickstream.consumer.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import io.clickstream.consumer.layout.HourFolder;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.testing.Events;
import io.clickstream.consumer.testing.ParquetFiles;
import io.clickstream.consumer.testing.Records;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {
    private static final TopicPartition TP = new TopicPartition("clickstream", 2);
    private static final ParquetSettings ZSTD = new ParquetSettings("zstd", 32L << 20, 1L << 20);
    private static final ObjectKeyLayout LAYOUT = new ObjectKeyLayout("lake");
    private static final Instant H10 = Instant.parse("2026-01-19T10:00:00Z");
    private static final Instant H11 = Instant.parse("2026-01-19T11:00:00Z");

    @TempDir
    Path spool;

    private Generation generation(long startOffset) {
        return new Generation(TP, startOffset, 1_000, new LakeFiles(LAYOUT, ZSTD, spool));
    }

    private static void append(Generation g, Instant kafkaTime, long offset) {
        g.append(row(Events.event("e-" + offset, kafkaTime.minusSeconds(5)), kafkaTime, kafkaTime, false), offset);
    }

    private static Route.Row row(ClickEvent event, Instant ingestedAt, Instant partitionTime, boolean late) {
        return new Route.Row(event, ingestedAt, partitionTime, HourFolder.of(partitionTime, late));
    }

    private long spoolFiles() throws Exception {
        try (var files = Files.list(spool)) {
            return files.count();
        }
    }

    @Test
    void oneFilePerHourEachKeyedByItsFirstRecord() {
        var g = generation(100);
        append(g, H10.plusSeconds(3599).plusMillis(999), 100);
        append(g, H11, 101);
        append(g, H10.plusSeconds(10), 102);
        append(g, H11.plusSeconds(1), 103);

        assertThat(g.openFiles()).isEqualTo(2);
        ClosedGeneration closed = g.close();

        assertThat(closed.files()).extracting(SealedFile::key).containsExactly(
                "lake/year=2026/month=01/day=19/hour=10/20260119T105959999Z-clickstream-2-00000000000000000100.parquet",
                "lake/year=2026/month=01/day=19/hour=11/20260119T110000000Z-clickstream-2-00000000000000000101.parquet");
        assertThat(closed.files()).extracting(SealedFile::firstOffset).containsExactly(100L, 101L);
        assertThat(closed.files()).extracting(SealedFile::lastOffset).containsExactly(102L, 103L);
        assertThat(closed.files()).extracting(SealedFile::rows).containsExactly(2L, 2L);
        assertThat(closed.startOffset()).isEqualTo(100);
        assertThat(closed.commitOffset()).isEqualTo(104);
        assertThat(closed.rows()).isEqualTo(4);
        assertThat(closed.bytes()).isEqualTo(closed.files().stream().mapToLong(SealedFile::bytes).sum());
        assertThat(g.openFiles()).isZero();
    }

    @Test
    void sealedFilesAreCompleteParquetWithTheirRows() throws Exception {
        var g = generation(0);
        append(g, H10, 0);
        append(g, H11, 1);
        append(g, H10.plusSeconds(1), 2);

        ClosedGeneration closed = g.close();

        for (SealedFile f : closed.files()) {
            assertThat(Files.size(f.path())).isEqualTo(f.bytes());
        }
        var h10 = ParquetFiles.rows(closed.files().get(0).path());
        assertThat(h10).extracting(r -> r.get("kafka_offset")).containsExactly(0L, 2L);
        assertThat(h10).extracting(r -> r.get("kafka_partition")).containsOnly(2);
        assertThat(h10).extracting(r -> (long) r.get("ingested_at"))
                .containsExactly(H10.toEpochMilli() * 1000, H10.plusSeconds(1).toEpochMilli() * 1000);
        GenericRecord h11 = ParquetFiles.rows(closed.files().get(1).path()).get(0);
        assertThat(h11.get("kafka_offset")).isEqualTo(1L);
        assertThat(h11.get("timestamp")).isEqualTo(H11.minusSeconds(5).toEpochMilli() * 1000);
    }

    @Test
    void aRowNeedsANewFileOnlyAsTheFirstOfItsHourAndLateness() {
        var g = generation(0);
        assertThat(g.needsNewFile(HourFolder.of(H10, false))).isTrue();
        append(g, H10.plusSeconds(10), 0);

        assertThat(g.needsNewFile(HourFolder.of(H10.plusSeconds(3599), false))).isFalse();
        assertThat(g.needsNewFile(HourFolder.of(H10, true))).as("late rows of the hour have their own file").isTrue();
        assertThat(g.needsNewFile(HourFolder.of(H11, false))).isTrue();
        assertThat(g.openFiles()).isEqualTo(1);
        g.discard();
    }

    @Test
    void lateEventsOfAnHourGetTheirOwnFileUnderLate() {
        var g = generation(0);
        g.append(row(Events.event("a", H10), H11, H10, false), 0);
        g.append(row(Events.event("b", H10), H11, H10, true), 1);

        ClosedGeneration closed = g.close();

        assertThat(closed.files()).extracting(SealedFile::key).containsExactly(
                "lake/year=2026/month=01/day=19/hour=10/20260119T100000000Z-clickstream-2-00000000000000000000.parquet",
                "lake/late/year=2026/month=01/day=19/hour=10/20260119T100000000Z-clickstream-2-00000000000000000001.parquet");
    }

    @Test
    void theKeyTakesTheFirstRecordsIngestionTimeNotTheConsumersClock() {
        var early = new Generation(TP, 5, 0, new LakeFiles(LAYOUT, ZSTD, spool));
        var late = new Generation(TP, 5, 999_999_999, new LakeFiles(LAYOUT, ZSTD, spool));
        append(early, H10.plusSeconds(42), 5);
        append(late, H10.plusSeconds(42), 5);

        assertThat(early.close().files().get(0).key()).isEqualTo(late.close().files().get(0).key());
    }

    @Test
    void withEventTimeTheFileIsNamedByTheFirstEventsOwnTime() {
        var g = generation(0);
        Instant eventTime = Instant.parse("2026-01-19T10:15:30Z");
        Instant kafkaTime = Instant.parse("2026-01-19T12:05:00Z");

        g.append(row(Events.event("a", eventTime), kafkaTime, eventTime, false), 0);

        assertThat(g.close().files().get(0).key())
                .isEqualTo("lake/year=2026/month=01/day=19/hour=10/20260119T101530000Z-clickstream-2-00000000000000000000.parquet");
    }

    @Test
    void deadLettersAndSkipsAdvanceTheCommitOffsetWithoutFiles() {
        var g = generation(10);
        var letter = new DeadLetterSender(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                "clickstream-dlq").deadLetter(Records.record(TP, 10, H10, "{".getBytes(StandardCharsets.UTF_8)),
                List.of(new Violation("$", Reason.MALFORMED_JSON, "unexpected end")));
        g.deadLettered(letter, 10);
        g.skipped(11);

        assertThat(g.isEmpty()).isFalse();
        ClosedGeneration closed = g.close();

        assertThat(closed.files()).isEmpty();
        assertThat(closed.deadLetters()).containsExactly(letter);
        assertThat(closed.deadLetterBytes()).isEqualTo(letter.heldBytes()).isPositive();
        assertThat(closed.commitOffset()).isEqualTo(12);
    }

    @Test
    void anEmptyGenerationNeverAsksToClose() {
        var g = generation(0);

        assertThat(g.isEmpty()).isTrue();
        assertThat(g.check(new BatchLimits(1, 1, Duration.ofMillis(1)), Long.MAX_VALUE)).isEqualTo(CloseReason.NONE);
    }

    @Test
    void checkUsesTheLargestFileAndTheAgeOfTheFirstRecord() {
        var g = new Generation(TP, 0, 1_000, new LakeFiles(LAYOUT, ZSTD, spool));
        append(g, H10, 0);
        append(g, H10.plusSeconds(1), 1);
        append(g, H11, 2);
        var limits = new BatchLimits(2, 1L << 30, Duration.ofSeconds(60));

        assertThat(g.check(limits, 1_000)).isEqualTo(CloseReason.RECORDS);
        assertThat(g.check(new BatchLimits(3, 1L << 30, Duration.ofSeconds(60)), 60_999)).isEqualTo(CloseReason.NONE);
        assertThat(g.check(new BatchLimits(3, 1L << 30, Duration.ofSeconds(60)), 61_000)).isEqualTo(CloseReason.AGE);
        assertThat(g.check(new BatchLimits(3, 1, Duration.ofSeconds(60)), 1_000)).isEqualTo(CloseReason.BYTES);
        g.discard();
    }

    @Test
    void bufferedBytesGrowWithRows() {
        var g = generation(0);
        long before = g.bufferedBytes();
        for (int i = 0; i < 200; i++) {
            append(g, H10.plusMillis(i), i);
        }
        long after200 = g.bufferedBytes();
        for (int i = 200; i < 400; i++) {
            append(g, H11.plusMillis(i), i);
        }

        assertThat(before).isZero();
        assertThat(after200).isPositive();
        assertThat(g.bufferedBytes()).isGreaterThan(after200);
        g.discard();
    }

    @Test
    void discardDeletesEveryOpenFile() throws Exception {
        var g = generation(0);
        append(g, H10, 0);
        append(g, H11, 1);
        append(g, H11.plusSeconds(3600), 2);
        assertThat(spoolFiles()).isEqualTo(3);

        g.discard();

        assertThat(spoolFiles()).isZero();
        assertThat(g.openFiles()).isZero();
        assertThat(g.bufferedBytes()).isZero();
    }

    @Test
    void closeLeavesTheSealedFilesForTheUploader() throws Exception {
        var g = generation(0);
        append(g, H10, 0);
        append(g, H11, 1);

        ClosedGeneration closed = g.close();

        assertThat(spoolFiles()).isEqualTo(2);
        assertThat(closed.files()).allSatisfy(f -> assertThat(f.path()).exists().startsWith(spool));
    }
}
