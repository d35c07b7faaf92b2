package io.clickstream.consumer.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.consumer.generation.SealedFile;
import io.clickstream.consumer.layout.FileStart;
import io.clickstream.consumer.testing.FakeS3Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3UploaderTest {
    private static final Instant HOUR = Instant.parse("2026-01-19T10:00:00Z");

    @TempDir
    Path dir;

    private final FakeS3Client s3 = new FakeS3Client("lake");
    private final S3Uploader uploader = new S3Uploader(s3, "lake");

    private SealedFile file(byte[] content) throws Exception {
        Path path = Files.write(dir.resolve("f.parquet"), content);
        var start = new FileStart(new TopicPartition("clickstream", 3), 40, HOUR.plusSeconds(5), false);
        return new SealedFile(start, "p/year=2026/month=01/day=19/hour=10/x.parquet", path, 7, content.length, 52);
    }

    @Test
    void putsTheWholeFileUnderItsKeyWithLineageMetadata() throws Exception {
        uploader.upload(file(new byte[] {1, 2, 3, 4}));

        assertThat(s3.objects()).containsOnlyKeys("p/year=2026/month=01/day=19/hour=10/x.parquet");
        assertThat(s3.objects().get("p/year=2026/month=01/day=19/hour=10/x.parquet")).containsExactly(1, 2, 3, 4);
        assertThat(s3.metadata("p/year=2026/month=01/day=19/hour=10/x.parquet"))
                .containsEntry("kafka-topic", "clickstream").containsEntry("kafka-partition", "3")
                .containsEntry("kafka-first-offset", "40").containsEntry("kafka-last-offset", "52")
                .containsEntry("rows", "7");
    }

    @Test
    void aFailureNamesTheBucketAndKeyAndKeepsTheCause() throws Exception {
        s3.unavailable(true);

        assertThatThrownBy(() -> uploader.upload(file(new byte[] {1})))
                .isInstanceOf(S3Uploader.UploadException.class)
                .hasMessageStartingWith("failed to upload s3://lake/p/year=2026/month=01/day=19/hour=10/x.parquet: S3Exception")
                .hasMessageContaining("503")
                .hasCauseInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    }
}
