package io.clickstream.consumer.delivery;

import static io.clickstream.consumer.delivery.DeliveryState.AWAITING_COMMIT;
import static io.clickstream.consumer.delivery.DeliveryState.DROPPED;
import static io.clickstream.consumer.delivery.DeliveryState.READY;
import static io.clickstream.consumer.delivery.DeliveryState.RETRY_AT;
import static io.clickstream.consumer.delivery.DeliveryState.UPLOADING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.Generation;
import io.clickstream.consumer.generation.LakeFiles;
import io.clickstream.consumer.generation.SealedFile;
import io.clickstream.consumer.layout.HourFolder;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.s3.S3Uploader;
import io.clickstream.consumer.testing.Events;
import io.clickstream.consumer.testing.FakeS3Client;
import io.clickstream.consumer.testing.HeldExecutorService;
import io.clickstream.consumer.testing.Records;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A partition's delivery driven transition by transition, the legal moves and every illegal one. */
class PartitionDeliveryTest {
    private static final TopicPartition TP = new TopicPartition("clickstream", 4);
    private static final Instant H10 = Instant.parse("2026-01-19T10:00:00Z");
    private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(500),
            Duration.ofSeconds(4));

    @TempDir
    Path spool;

    private final FakeS3Client s3 = new FakeS3Client("bucket");
    private final HeldExecutorService uploads = new HeldExecutorService();
    private final GenerationPublisher publisher = new GenerationPublisher(new S3Uploader(s3, "bucket"), uploads,
            new ConsumerMetrics(new SimpleMeterRegistry()), FaultHooks.NONE, DeadLetterFailure.FAIL);
    private final PartitionDelivery delivery = new PartitionDelivery(TP);

    /** Opens a generation at {@code from} with one row per offset, in hour 10. */
    private Generation open(long from, long to) {
        var generation = new Generation(TP, from, 1_000, new LakeFiles(new ObjectKeyLayout("lake"),
                new ParquetSettings("zstd", 1L << 20, 64 * 1024), spool));
        delivery.startGeneration(generation);
        for (long offset = from; offset < to; offset++) {
            Instant t = H10.plusSeconds(offset);
            generation.append(new Route.Row(Events.event("e-" + offset, t), t, t, HourFolder.of(t, false)), offset);
        }
        return generation;
    }

    private long spoolFiles() throws Exception {
        try (var files = Files.list(spool)) {
            return files.count();
        }
    }

    /** READY -> UPLOADING -> AWAITING_COMMIT, uploads run. */
    private void uploaded(long from, long to) {
        open(from, to);
        delivery.publish(publisher);
        uploads.runAll();
        assertThat(delivery.finishUpload(0, BACKOFF)).isEqualTo(new UploadEnd.Uploaded(to));
    }

    // ---- the legal path ---------------------------------------------------------------------------

    @Test
    void aNewDeliveryIsReadyAndHoldsNothing() {
        assertThat(delivery.state()).isEqualTo(READY);
        assertThat(delivery.isDrained()).isTrue();
        assertThat(delivery.mayClose()).as("nothing open").isFalse();
        assertThat(delivery.oldestUncommittedMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void publishingSealsTheOpenGenerationAndStartsItsUpload() throws Exception {
        open(10, 13);
        assertThat(delivery.mayClose()).isTrue();

        ClosedGeneration closed = delivery.publish(publisher);

        assertThat(delivery.state()).isEqualTo(UPLOADING);
        assertThat(delivery.openGeneration()).isNull();
        assertThat(closed.startOffset()).isEqualTo(10);
        assertThat(closed.commitOffset()).isEqualTo(13);
        assertThat(delivery.uploadRunning()).isTrue();
        assertThat(delivery.finishUpload(0, BACKOFF)).as("still running").isNull();
        assertThat(s3.objects()).isEmpty();
        assertThat(spoolFiles()).isEqualTo(1);
    }

    @Test
    void aFinishedUploadAwaitsTheCommitOfTheOffsetAfterItsLastRecord() {
        uploaded(10, 13);

        assertThat(delivery.state()).isEqualTo(AWAITING_COMMIT);
        assertThat(s3.objects()).hasSize(1);
        assertThat(delivery.isDrained()).isFalse();
    }

    @Test
    void theCommitMakesItReadyAgainAndDeletesTheSpoolFiles() throws Exception {
        uploaded(0, 3);

        delivery.committed(3, 0);

        assertThat(delivery.state()).isEqualTo(READY);
        assertThat(delivery.isDrained()).isTrue();
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void whileOneGenerationIsInFlightTheNextOneFillsButMayNotClose() {
        open(0, 3);
        delivery.publish(publisher);
        open(3, 5);

        assertThat(delivery.mayClose()).as("one uncommitted generation per partition").isFalse();
        assertThat(delivery.closeReason(new BatchLimits(1, 1L << 30, Duration.ofHours(1)), 1_000))
                .as("due, but it waits").isEqualTo(CloseReason.RECORDS);
        assertThatThrownBy(() -> delivery.publish(publisher)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UPLOADING -> UPLOADING");
    }

    @Test
    void aFailedUploadWaitsForItsBackoffThenUploadsTheSameFilesAgain() {
        s3.unavailable(true);
        open(0, 3);
        ClosedGeneration closed = delivery.publish(publisher);
        uploads.runAll();

        UploadEnd end = delivery.finishUpload(10_000, BACKOFF);

        assertThat(end).isInstanceOfSatisfying(UploadEnd.WillRetry.class, retry -> {
            assertThat(retry.attempts()).isEqualTo(1);
            assertThat(retry.delayMillis()).isEqualTo(500);
            assertThat(retry.cause()).isInstanceOf(S3Uploader.UploadException.class);
        });
        assertThat(delivery.state()).isEqualTo(RETRY_AT);
        assertThat(delivery.isRetrying()).isTrue();
        assertThat(delivery.retryDue(10_499)).isFalse();
        assertThat(delivery.retryDue(10_500)).isTrue();

        s3.unavailable(false);
        delivery.retry(publisher);
        assertThat(delivery.state()).isEqualTo(UPLOADING);
        uploads.runAll();

        assertThat(delivery.finishUpload(11_000, BACKOFF)).isEqualTo(new UploadEnd.Uploaded(closed.commitOffset()));
        assertThat(delivery.isRetrying()).as("until committed, the partition stays a retrying one").isTrue();
        delivery.committed(3, 0);
        assertThat(delivery.isRetrying()).isFalse();
    }

    @Test
    void backoffGrowsWithEachFailedAttempt() {
        s3.unavailable(true);
        open(0, 1);
        delivery.publish(publisher);
        List<Long> delays = new ArrayList<>();
        for (int attempt = 0; attempt < 5; attempt++) {
            uploads.runAll();
            delays.add(((UploadEnd.WillRetry) delivery.finishUpload(0, BACKOFF)).delayMillis());
            delivery.retry(publisher);
        }

        assertThat(delays).containsExactly(500L, 1_000L, 2_000L, 4_000L, 4_000L);
    }

    /** One invalid record of the generation goes to the dead-letter topic through {@code dlq}. */
    private void deadLetter(Generation generation, MockProducer<byte[], byte[]> dlq, long offset) {
        var letter = new DeadLetterSender(dlq, "clickstream-dlq").deadLetter(
                Records.record(TP, offset, H10, "{broken".getBytes(StandardCharsets.UTF_8)),
                List.of(new Violation("$", Reason.MALFORMED_JSON, "unexpected end")));
        generation.deadLettered(letter, offset);
    }

    private static MockProducer<byte[], byte[]> heldDlq() {
        return new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void aDeadLetterNotAcknowledgedForAPassingReasonIsSentAgainAfterABackoff() {
        var dlq = heldDlq();
        deadLetter(open(0, 1), dlq, 1);
        delivery.publish(publisher);
        dlq.errorNext(new org.apache.kafka.common.errors.TimeoutException("dlq broker down"));
        uploads.runAll();

        UploadEnd end = delivery.finishUpload(0, BACKOFF);

        assertThat(end).isInstanceOfSatisfying(UploadEnd.WillRetry.class,
                retry -> assertThat(retry.cause()).hasMessageContaining("clickstream-4@1", "dlq broker down"));
        assertThat(delivery.state()).isEqualTo(RETRY_AT);
        assertThat(dlq.history()).hasSize(1);

        delivery.retry(publisher);
        Thread sender = new Thread(uploads::runAll); // the upload waits for the second send's acknowledgement
        sender.start();
        await(() -> dlq.history().size() == 2);
        dlq.completeNext();
        join(sender);

        assertThat(delivery.finishUpload(0, BACKOFF)).isEqualTo(new UploadEnd.Uploaded(2));
    }

    @Test
    void aDeadLetterTheTopicRefusesForGoodIsFatalWithDlqFailureFail() {
        var dlq = heldDlq();
        deadLetter(open(0, 1), dlq, 1);
        delivery.publish(publisher);
        dlq.errorNext(new RecordTooLargeException("too large for the topic"));
        uploads.runAll();

        UploadEnd end = delivery.finishUpload(0, BACKOFF);

        assertThat(end).isInstanceOfSatisfying(UploadEnd.Fatal.class, fatal -> assertThat(fatal.reason())
                .contains("clickstream-4@1", "RecordTooLargeException", "DLQ_FAILURE=fail", "from offset 1"));
        assertThat(delivery.state()).as("the caller drops it").isEqualTo(UPLOADING);
        assertThat(delivery.drop()).isEqualTo(new Held(0, 2));
    }

    @Test
    void aDeadLetterTheTopicRefusesForGoodIsSkippedWithDlqFailureSkip() {
        var dlq = heldDlq();
        var skipping = new GenerationPublisher(new S3Uploader(s3, "bucket"), uploads,
                new ConsumerMetrics(new SimpleMeterRegistry()), FaultHooks.NONE, DeadLetterFailure.SKIP);
        deadLetter(open(0, 1), dlq, 1);
        delivery.publish(skipping);
        dlq.errorNext(new RecordTooLargeException("too large for the topic"));
        uploads.runAll();

        assertThat(delivery.finishUpload(0, BACKOFF)).isEqualTo(new UploadEnd.Uploaded(2));
    }

    @Test
    void s3RefusingForGoodIsFatalAfterABoundedNumberOfAttempts() {
        s3.beforePut(request -> {
            throw (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build();
        });
        open(0, 1);
        delivery.publish(publisher);
        List<UploadEnd> ends = new ArrayList<>();
        for (int attempt = 1; attempt <= PartitionDelivery.MAX_PERMANENT_FAILURES; attempt++) {
            uploads.runAll();
            UploadEnd end = delivery.finishUpload(0, BACKOFF);
            ends.add(end);
            if (end instanceof UploadEnd.WillRetry) {
                delivery.retry(publisher);
            }
        }

        assertThat(ends.subList(0, ends.size() - 1)).allMatch(UploadEnd.WillRetry.class::isInstance);
        assertThat(ends.get(ends.size() - 1)).isInstanceOfSatisfying(UploadEnd.Fatal.class, fatal -> assertThat(
                fatal.reason()).contains("AccessDenied (HTTP 403)", "lake/year=2026", "from offset 0 of clickstream-4"));
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- drops ------------------------------------------------------------------------------------

    @Test
    void droppingReturnsWhereTheOldestUncommittedWorkBegan() throws Exception {
        uploaded(10, 13);
        open(13, 15);

        assertThat(delivery.drop()).isEqualTo(new Held(10, 15));

        assertThat(delivery.state()).isEqualTo(DROPPED);
        assertThat(delivery.isDrained()).isTrue();
        assertThat(delivery.bufferedBytes()).isZero();
        assertThat(spoolFiles()).as("open and sealed files deleted").isZero();
    }

    @Test
    void droppingOnlyAnOpenGenerationReturnsItsStart() {
        open(7, 9);

        assertThat(delivery.drop()).isEqualTo(new Held(7, 9));
    }

    @Test
    void droppingNothingReturnsNothing() {
        assertThat(delivery.drop()).isNull();
    }

    @Test
    void droppingDuringAnUploadLeavesItsFilesToTheRunningUpload() throws Exception {
        open(0, 2);
        delivery.publish(publisher);

        delivery.drop();

        assertThat(spoolFiles()).as("the upload still reads them").isEqualTo(1);
        uploads.runAll();
        assertThat(s3.objects()).hasSize(1);
    }

    @Test
    void aRetryingDeliveryCanBeDropped() {
        s3.unavailable(true);
        open(3, 4);
        delivery.publish(publisher);
        uploads.runAll();
        delivery.finishUpload(0, BACKOFF);

        assertThat(delivery.drop()).isEqualTo(new Held(3, 4));
        assertThat(delivery.state()).isEqualTo(DROPPED);
    }

    // ---- illegal moves ----------------------------------------------------------------------------

    @Test
    void publishingWhileAnUploadWaitsForItsRetryIsRefused() {
        s3.unavailable(true);
        open(0, 1);
        delivery.publish(publisher);
        uploads.runAll();
        delivery.finishUpload(0, BACKOFF);
        open(1, 2);

        assertThatThrownBy(() -> delivery.publish(publisher)).hasMessageContaining("RETRY_AT -> UPLOADING");
        assertThat(delivery.state()).isEqualTo(RETRY_AT);
    }

    @Test
    void publishingWithNothingOpenIsRefused() {
        assertThatThrownBy(() -> delivery.publish(publisher)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing to publish");
        assertThat(delivery.state()).isEqualTo(READY);
    }

    @Test
    void aSecondOpenGenerationIsRefused() {
        open(0, 1);

        assertThatThrownBy(() -> open(1, 2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("one is open");
    }

    @Test
    void aDroppedDeliveryTakesNoNewGenerationAndNoMove() {
        delivery.drop();

        assertThatThrownBy(() -> open(0, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("dropped");
        assertThatThrownBy(delivery::drop).hasMessageContaining("DROPPED -> DROPPED");
        assertThatThrownBy(() -> delivery.retry(publisher)).hasMessageContaining("DROPPED -> UPLOADING");
        assertThatThrownBy(() -> delivery.committed(1, 0)).hasMessageContaining("DROPPED -> READY");
    }

    @Test
    void committingWhatIsNotUploadedIsRefused() {
        assertThatThrownBy(() -> delivery.committed(1, 0)).hasMessageContaining("READY -> READY");
        open(0, 1);
        delivery.publish(publisher);
        assertThatThrownBy(() -> delivery.committed(1, 0)).hasMessageContaining("UPLOADING -> READY");
    }

    @Test
    void retryingWhatDidNotFailIsRefused() {
        assertThatThrownBy(() -> delivery.retry(publisher)).hasMessageContaining("READY -> UPLOADING")
                .isInstanceOf(IllegalStateException.class);
        uploaded(0, 1);
        assertThatThrownBy(() -> delivery.retry(publisher)).hasMessageContaining("AWAITING_COMMIT -> UPLOADING");
        assertThat(delivery.retryDue(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void publishingWhileAwaitingACommitIsRefused() {
        uploaded(0, 1);
        open(1, 2);

        assertThatThrownBy(() -> delivery.publish(publisher)).hasMessageContaining("AWAITING_COMMIT -> UPLOADING");
        assertThat(delivery.openGeneration()).as("a refused move changes nothing").isNotNull();
    }

    @Test
    void finishingAnUploadThatIsNotRunningDoesNothing() {
        assertThat(delivery.finishUpload(0, BACKOFF)).isNull();
        uploaded(0, 1);
        assertThat(delivery.finishUpload(0, BACKOFF)).isNull();
        assertThat(delivery.state()).isEqualTo(AWAITING_COMMIT);
    }

    @Test
    void sealedFilesKeepTheirKeysFromTheFirstRecord() {
        open(5, 7);

        SealedFile file = delivery.publish(publisher).files().get(0);

        assertThat(file.key()).endsWith("-clickstream-4-00000000000000000005.parquet");
        assertThat(file.firstOffset()).isEqualTo(5);
        assertThat(file.lastOffset()).isEqualTo(6);
    }

    @Test
    void s3ErrorsAreUploadFailuresNotReplays() {
        s3.beforePut(request -> {
            throw S3Exception.builder().statusCode(503).message("slow down").build();
        });
        open(0, 1);
        delivery.publish(publisher);
        uploads.runAll();

        assertThat(delivery.finishUpload(0, BACKOFF)).isInstanceOf(UploadEnd.WillRetry.class);
    }
}
