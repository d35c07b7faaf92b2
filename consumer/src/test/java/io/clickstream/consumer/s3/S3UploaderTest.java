package io.clickstream.consumer.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.SealedFile;
import io.clickstream.consumer.layout.FileStart;
import io.clickstream.consumer.s3.S3Uploader.ExistingObject;
import io.clickstream.consumer.s3.S3Uploader.Outcome;
import io.clickstream.consumer.testing.FakeS3Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3UploaderTest {
    private static final Instant HOUR = Instant.parse("2026-01-19T10:00:00Z");
    private static final TopicPartition TP = new TopicPartition("clickstream", 3);
    private static final String KEY = "p/year=2026/month=01/day=19/hour=10/x.parquet";

    @TempDir
    Path dir;

    private final FakeS3Client s3 = new FakeS3Client("lake");
    private final S3Uploader uploader = new S3Uploader(s3, "lake");

    private SealedFile file(byte[] content) throws Exception {
        Path path = Files.write(dir.resolve("f.parquet"), content);
        var start = new FileStart(TP, 40, HOUR.plusSeconds(5), false);
        return new SealedFile(start, KEY, path, 7, content.length, 52);
    }

    private static ClosedGeneration generation(SealedFile file, long start, long end) {
        return new ClosedGeneration(TP, start, end, List.of(file), List.of(), 0, 0);
    }

    @Test
    void putsTheWholeFileUnderItsKeyWithLineageAndGenerationMetadata() throws Exception {
        SealedFile file = file(new byte[] {1, 2, 3, 4});

        assertThat(uploader.upload(file, generation(file, 40, 60), null)).isInstanceOf(Outcome.Written.class);

        assertThat(s3.objects()).containsOnlyKeys(KEY);
        assertThat(s3.objects().get(KEY)).containsExactly(1, 2, 3, 4);
        assertThat(s3.metadata(KEY))
                .containsEntry("kafka-topic", "clickstream").containsEntry("kafka-partition", "3")
                .containsEntry("kafka-first-offset", "40").containsEntry("kafka-last-offset", "52")
                .containsEntry("rows", "7").containsEntry("generation-start", "40").containsEntry("generation-end", "60")
                .containsEntry("generation-files", "1");
    }

    @Test
    void aTakenKeyIsNotOverwrittenAndTheObjectThereIsDescribed() throws Exception {
        s3.putAsAnotherWriter(KEY, new byte[] {9}, Map.of("generation-start", "40", "generation-end", "75"));
        SealedFile file = file(new byte[] {1, 2});

        Outcome outcome = uploader.upload(file, generation(file, 40, 60), null);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Taken.class, taken -> {
            ExistingObject existing = taken.existing();
            assertThat(existing.key()).isEqualTo(KEY);
            assertThat(existing.generationStart()).isEqualTo(40);
            assertThat(existing.generationEnd()).isEqualTo(75);
            assertThat(existing.etag()).isNotBlank();
            assertThat(existing.sameGeneration(generation(file, 40, 60))).isFalse();
            assertThat(existing.sameGeneration(generation(file, 40, 75))).isTrue();
        });
        assertThat(s3.objects().get(KEY)).containsExactly(9);
    }

    @Test
    void anObjectIsReplacedOnlyWhenItIsStillTheOneNamed() throws Exception {
        s3.putAsAnotherWriter(KEY, new byte[] {9}, Map.of("generation-start", "40", "generation-end", "75"));
        SealedFile file = file(new byte[] {1, 2});
        String seen = ((Outcome.Taken) uploader.upload(file, generation(file, 40, 60), null)).existing().etag();
        s3.putAsAnotherWriter(KEY, new byte[] {8}, Map.of()); // changed since it was seen

        assertThat(uploader.upload(file, generation(file, 40, 60), seen)).isInstanceOf(Outcome.Taken.class);
        assertThat(s3.objects().get(KEY)).containsExactly(8);

        String now = ((Outcome.Taken) uploader.upload(file, generation(file, 40, 60), null)).existing().etag();
        assertThat(uploader.upload(file, generation(file, 40, 60), now)).isInstanceOf(Outcome.Written.class);
        assertThat(s3.objects().get(KEY)).containsExactly(1, 2);
    }

    @Test
    void aFailureNamesTheBucketAndKeyAndKeepsTheCause() throws Exception {
        s3.unavailable(true);
        SealedFile file = file(new byte[] {1});

        assertThatThrownBy(() -> uploader.upload(file, generation(file, 40, 41), null))
                .isInstanceOf(S3Uploader.UploadException.class)
                .hasMessageStartingWith("failed to upload s3://lake/" + KEY + ": S3Exception")
                .hasMessageContaining("503")
                .hasCauseInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    }
}
