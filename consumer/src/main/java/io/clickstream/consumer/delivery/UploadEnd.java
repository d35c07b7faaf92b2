package io.clickstream.consumer.delivery;

import io.clickstream.consumer.s3.S3Uploader.ExistingObject;
import java.util.List;

/** How an upload ended, as {@link PartitionDelivery#finishUpload} sees it. */
sealed interface UploadEnd {
    /** Everything is in S3 and acknowledged: commit {@code offset}. */
    record Uploaded(long offset) implements UploadEnd {
    }

    /** The upload failed; it is retried after {@code delayMillis}. */
    record WillRetry(Throwable cause, int attempts, long delayMillis) implements UploadEnd {
    }

    /** It will never succeed (S3 refuses it for good, or the dead-letter topic does and DLQ_FAILURE=fail). */
    record Fatal(String reason) implements UploadEnd {
    }

    /** Keys were taken by another writer: the caller decides, by an offset commit, whether to replace them. */
    record KeysTaken(List<ExistingObject> taken) implements UploadEnd {
    }
}
