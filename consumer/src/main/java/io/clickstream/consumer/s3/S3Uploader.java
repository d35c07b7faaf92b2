package io.clickstream.consumer.s3;

import io.clickstream.consumer.batch.SealedFile;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Publishes one sealed file with a single PUT of the whole file. The SDK's retry strategy covers a
 * single call; the sink's batch-level backoff covers longer outages. An exception names the object.
 */
public final class S3Uploader {
    private final S3Client s3;
    private final String bucket;

    public S3Uploader(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public void upload(SealedFile file) {
        var request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(file.key())
                .contentType("application/vnd.apache.parquet")
                .contentLength(file.bytes())
                // Encryption, storage class, tags and ACL (S3_SSE, ...) are added to every PutObject by the client
                // itself: S3ClientFactory registers an ObjectSettingsInterceptor.
                // Lineage for whoever finds the object: which records it holds.
                .metadata(Map.of(
                        "kafka-topic", file.id().topic(),
                        "kafka-partition", Integer.toString(file.id().partition()),
                        "kafka-first-offset", Long.toString(file.firstOffset()),
                        "kafka-last-offset", Long.toString(file.lastOffset()),
                        "rows", Long.toString(file.rows())))
                .build();
        try {
            s3.putObject(request, RequestBody.fromFile(file.path()));
        } catch (RuntimeException e) {
            throw new UploadException("failed to upload s3://" + bucket + "/" + file.key() + ": " + describe(e), e);
        }
    }

    public String bucket() {
        return bucket;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /** An upload that failed after the SDK's own retries. */
    public static final class UploadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UploadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
