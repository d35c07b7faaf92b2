package io.clickstream.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.Generation;
import io.clickstream.consumer.generation.LakeFiles;
import io.clickstream.consumer.hours.Watermark;
import io.clickstream.consumer.layout.HourFolder;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.s3.S3Uploader;
import io.clickstream.consumer.testing.Events;
import io.clickstream.consumer.testing.FakeS3Client;
import io.clickstream.consumer.testing.HeldExecutorService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/** How a partition's watermark moves with its generations: restored, published, dropped back, advanced while idle. */
class PartitionDeliveryWatermarkTest {
    private static final TopicPartition TP = new TopicPartition("clickstream", 4);
    private static final Instant H10 = Instant.parse("2026-01-19T10:00:00Z");
    private static final long W0 = H10.toEpochMilli() - 60_000;
    private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(500),
            Duration.ofSeconds(4));

    @TempDir
    Path spool;

    private final FakeS3Client s3 = new FakeS3Client("bucket");
    private final HeldExecutorService uploads = new HeldExecutorService();
    private final GenerationPublisher publisher = new GenerationPublisher(new S3Uploader(s3, "bucket"), uploads,
            new ConsumerMetrics(new SimpleMeterRegistry()), FaultHooks.NONE, DeadLetterFailure.FAIL);
    private final PartitionDelivery delivery = new PartitionDelivery(TP, W0, 10, 5_000);

    private LakeFiles lakeFiles() {
        return new LakeFiles(new ObjectKeyLayout("lake"), new ParquetSettings("zstd", 1L << 20, 64 * 1024), spool);
    }

    /**
     * Opens a generation at {@code from}, starting at the delivery's watermark as the intake does, with one row per offset
     * whose Kafka timestamp is H10 + offset seconds, each observed.
     */
    private Generation open(long from, long to) {
        var generation = new Generation(TP, from, delivery.progress().watermark(), 1_000, lakeFiles());
        delivery.startGeneration(generation);
        for (long offset = from; offset < to; offset++) {
            Instant t = H10.plusSeconds(offset);
            generation.append(new Route.Row(Events.event("e-" + offset, t), t, t, HourFolder.of(t, false)), offset);
            generation.observe(t.toEpochMilli());
        }
        return generation;
    }

    private static long at(long offset) {
        return H10.plusSeconds(offset).toEpochMilli();
    }

    @Test
    void aNewDeliveryReportsTheRestoredWatermarkOffsetAndActivity() {
        assertThat(delivery.progress().watermark()).isEqualTo(W0);
        assertThat(delivery.progress().committedOffset()).isEqualTo(10);
        assertThat(delivery.progress().lastActivityMillis()).isEqualTo(5_000);
    }

    @Test
    void aDeliveryWithoutACommitHasNoWatermarkAndNoOffset() {
        var fresh = new PartitionDelivery(TP);

        assertThat(fresh.progress().watermark()).isEqualTo(Watermark.NONE);
        assertThat(fresh.progress().committedOffset()).isEqualTo(-1);
    }

    @Test
    void publishingMovesTheWatermarkToTheClosedGenerationsEnd() {
        Generation generation = open(10, 13);
        assertThat(generation.startWatermark()).isEqualTo(W0);
        assertThat(delivery.progress().watermark()).as("unchanged while the generation is open").isEqualTo(W0);

        ClosedGeneration closed = delivery.publish(publisher);

        assertThat(closed.startWatermark()).isEqualTo(W0);
        assertThat(closed.endWatermark()).isEqualTo(at(12));
        assertThat(delivery.progress().watermark()).isEqualTo(closed.endWatermark());
    }

    @Test
    void theNextGenerationStartsWhereThePublishedOneEnded() {
        open(10, 13);
        delivery.publish(publisher);
        uploads.runAll();
        delivery.finishUpload(0, BACKOFF);
        delivery.committed(13, 9_000);

        Generation next = open(13, 15);

        assertThat(next.startWatermark()).isEqualTo(at(12));
        assertThat(next.watermark()).isEqualTo(at(14));
    }

    @Test
    void droppingWorkInFlightMovesTheWatermarkBackToWhereThatWorkBegan() {
        open(10, 13);
        delivery.publish(publisher);
        open(13, 20); // starts at the published generation's end

        assertThat(delivery.drop()).isEqualTo(new Held(10, 20));

        assertThat(delivery.progress().watermark()).isEqualTo(W0);
        assertThat(delivery.state()).isEqualTo(DeliveryState.DROPPED);
    }

    @Test
    void droppingAnUploadedGenerationAwaitingItsCommitMovesTheWatermarkBack() {
        open(10, 13);
        delivery.publish(publisher);
        uploads.runAll();
        delivery.finishUpload(0, BACKOFF);
        assertThat(delivery.state()).isEqualTo(DeliveryState.AWAITING_COMMIT);

        delivery.drop();

        assertThat(delivery.progress().watermark()).isEqualTo(W0);
    }

    @Test
    void droppingOnlyAnOpenGenerationMovesTheWatermarkBackToItsStart() {
        Generation generation = open(10, 13);
        assertThat(generation.watermark()).isEqualTo(at(12));

        assertThat(delivery.drop()).isEqualTo(new Held(10, 13));

        assertThat(delivery.progress().watermark()).isEqualTo(W0);
    }

    @Test
    void droppingNothingKeepsTheWatermark() {
        assertThat(delivery.drop()).isNull();

        assertThat(delivery.progress().watermark()).isEqualTo(W0);
    }

    @Test
    void theCommitSetsTheCommittedOffsetAndTheLastActivity() {
        open(10, 13);
        delivery.publish(publisher);
        uploads.runAll();
        delivery.finishUpload(0, BACKOFF);

        delivery.committed(13, 9_000);

        assertThat(delivery.progress().committedOffset()).isEqualTo(13);
        assertThat(delivery.progress().lastActivityMillis()).isEqualTo(9_000);
        assertThat(delivery.progress().watermark()).as("the commit carried the published watermark").isEqualTo(at(12));
    }

    @Test
    void theWatermarkMayNotAdvanceWithoutRecordsWhileAGenerationIsOpen() {
        open(10, 13);

        assertThatThrownBy(() -> delivery.watermarkAdvanced(at(3_600))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TP.toString());
        assertThat(delivery.progress().watermark()).isEqualTo(W0);
    }

    @Test
    void theWatermarkMayNotAdvanceWithoutRecordsWhileAGenerationIsInFlight() {
        open(10, 13);
        delivery.publish(publisher);

        assertThatThrownBy(() -> delivery.watermarkAdvanced(at(3_600))).as("uploading").isInstanceOf(IllegalStateException.class);

        uploads.runAll();
        delivery.finishUpload(0, BACKOFF);
        assertThatThrownBy(() -> delivery.watermarkAdvanced(at(3_600))).as("awaiting its commit")
                .isInstanceOf(IllegalStateException.class);
        assertThat(delivery.progress().watermark()).isEqualTo(at(12));
    }

    @Test
    void anIdleWatermarkAdvanceNeverLowersTheWatermark() {
        delivery.watermarkAdvanced(W0 + 3_600_000);
        assertThat(delivery.progress().watermark()).isEqualTo(W0 + 3_600_000);

        delivery.watermarkAdvanced(W0);
        assertThat(delivery.progress().watermark()).isEqualTo(W0 + 3_600_000);

        delivery.watermarkAdvanced(Watermark.NONE);
        assertThat(delivery.progress().watermark()).isEqualTo(W0 + 3_600_000);
    }

    @Test
    void anIdleWatermarkAdvanceMovesAPartitionWithoutAWatermark() {
        var fresh = new PartitionDelivery(TP, Watermark.NONE, 0, 0);

        fresh.watermarkAdvanced(W0);

        assertThat(fresh.progress().watermark()).isEqualTo(W0);
    }

    @Test
    void afterTheCommitTheWatermarkMayAdvanceAgain() {
        open(10, 13);
        delivery.publish(publisher);
        uploads.runAll();
        delivery.finishUpload(0, BACKOFF);
        delivery.committed(13, 9_000);

        delivery.watermarkAdvanced(at(7_200));

        assertThat(delivery.progress().watermark()).isEqualTo(at(7_200));
    }

    // ---- the generation's own watermark ----------------------------------------------------------

    @Test
    void aGenerationsWatermarkIsTheMaximumOfItsStartAndTheTimestampsObserved() {
        var random = new Random(31);
        for (int run = 0; run < 50; run++) {
            long start = random.nextInt(1_000_000);
            var generation = new Generation(TP, 0, start, 0, lakeFiles());
            long expected = start;
            for (int i = 0; i < 40; i++) {
                long ts = random.nextInt(3) == 0 ? -1 : random.nextInt(2_000_000);
                generation.observe(ts);
                if (ts >= 0) {
                    expected = Math.max(expected, ts);
                }
                assertThat(generation.watermark()).isEqualTo(expected);
            }
            assertThat(generation.startWatermark()).isEqualTo(start);
        }
    }

    @Test
    void aRecordWithoutATimestampDoesNotMoveTheGenerationsWatermark() {
        var generation = new Generation(TP, 0, W0, 0, lakeFiles());

        generation.observe(-1);
        assertThat(generation.watermark()).isEqualTo(W0);
        generation.observe(W0 - 1);
        assertThat(generation.watermark()).as("never backwards").isEqualTo(W0);
        generation.observe(W0 + 1);
        assertThat(generation.watermark()).isEqualTo(W0 + 1);
    }

    @Test
    void aGenerationWithoutAStartWatermarkStartsWithNone() {
        var generation = new Generation(TP, 0, 0, lakeFiles());

        assertThat(generation.startWatermark()).isEqualTo(Watermark.NONE);
        assertThat(generation.watermark()).isEqualTo(Watermark.NONE);
    }

    @Test
    void closingCarriesTheStartAndEndWatermarks() {
        var generation = new Generation(TP, 0, W0, 0, lakeFiles());
        Instant t = H10.plusSeconds(5);
        generation.append(new Route.Row(Events.event("e", t), t, t, HourFolder.of(t, false)), 0);
        generation.observe(t.toEpochMilli());
        generation.observe(-1);

        ClosedGeneration closed = generation.close();

        assertThat(closed.startWatermark()).isEqualTo(W0);
        assertThat(closed.endWatermark()).isEqualTo(t.toEpochMilli());
    }

    /**
     * An open generation that holds no record yet (the intake starts one on a worker before asking for a file) would
     * close with a watermark below an idle advance: the advance is refused while any generation is open.
     */
    @Test
    void theIdleAdvanceIsRefusedWhileAnEmptyGenerationIsOpenSoTheWatermarkNeverMovesBack() {
        var generation = new Generation(TP, 10, delivery.progress().watermark(), 1_000, lakeFiles());
        delivery.startGeneration(generation);
        long advanced = W0 + 7_200_000;

        assertThatThrownBy(() -> delivery.watermarkAdvanced(advanced)).isInstanceOf(IllegalStateException.class);
        Instant t = Instant.ofEpochMilli(W0 + 1_000);
        generation.append(new Route.Row(Events.event("e", t), t, t, HourFolder.of(t, false)), 10);
        generation.observe(t.toEpochMilli());
        delivery.publish(publisher);

        assertThat(delivery.progress().watermark()).isEqualTo(t.toEpochMilli());
    }

    @Test
    void aGenerationStartedWithoutAWatermarkRoutesNoStragglerAndEndsAtItsNewestTimestampBoundedByTheClock() {
        var generation = new Generation(TP, 0, Watermark.NONE, 1_000_000, lakeFiles());

        generation.observe(900_000, 60_000);
        generation.observe(5_000_000, 60_000); // a producer clock far ahead
        assertThat(generation.watermark()).as("routing: none, as a replay from the same commit").isEqualTo(Watermark.NONE);
        assertThat(generation.endWatermark()).as("first record at 1,000,000 + 60,000 grace").isEqualTo(1_060_000);
    }

    @Test
    void aRecordFromAClockAheadMovesTheCommittedWatermarkNoFurtherThanTheClockPlusTheGrace() {
        long grace = 600_000;
        var generation = new Generation(TP, 0, W0, W0 + 1_000, lakeFiles());

        for (int i = 1; i <= 6; i++) {
            generation.observe(W0 + 3_000_000, grace); // +50 minutes
        }
        assertThat(generation.watermark()).as("routing: at most the grace per record").isEqualTo(W0 + 3_000_000);
        assertThat(generation.endWatermark()).isEqualTo(W0 + 1_000 + grace);
        assertThat(generation.close().endWatermark()).isEqualTo(W0 + 1_000 + grace);
    }

    @Test
    void aPartitionsRoutingGraceIsTheShorterOfTheConsumersAndItsLastCommitsAndNoneWithMarkersOff() {
        assertThat(PartitionProgress.routingGrace(60_000, 40_000)).isEqualTo(40_000);
        assertThat(PartitionProgress.routingGrace(40_000, 60_000)).isEqualTo(40_000);
        assertThat(PartitionProgress.routingGrace(60_000, -1)).as("no grace committed yet").isEqualTo(60_000);
        assertThat(PartitionProgress.routingGrace(-1, 40_000)).as("hour markers off keep the committed one").isEqualTo(40_000);
        assertThat(PartitionProgress.routingGrace(-1, -1)).as("markers off, nothing committed").isEqualTo(-1);
        assertThat(new PartitionDelivery(TP, W0, 10, 0, 40_000).progress().graceMillis()).isEqualTo(40_000);
    }
}
