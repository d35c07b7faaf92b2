package io.clickstream.consumer.kafka;

import io.clickstream.consumer.batch.ClosedGeneration;
import io.clickstream.consumer.batch.Generation;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition: the generation being written, and at most one generation uploaded (or
 * uploading) but not yet committed.
 */
final class PartitionState {
    final TopicPartition partition;
    Generation current;
    ClosedGeneration inFlight;
    CompletableFuture<Void> upload;
    /** The in-flight generation is uploaded; its commit was refused by a rebalance in progress and is retried. */
    boolean awaitingCommit;
    int failedAttempts;
    long retryAtMillis;
    boolean paused;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    boolean hasInFlight() {
        return inFlight != null;
    }

    boolean uploadRunning() {
        return upload != null && !upload.isDone();
    }

    long bufferedBytes() {
        return current == null ? 0 : current.bufferedBytes();
    }

    int openFiles() {
        return current == null ? 0 : current.openFiles();
    }

    /** When the oldest record not yet committed was consumed, or {@code Long.MAX_VALUE}. */
    long oldestUncommittedMillis() {
        long oldest = Long.MAX_VALUE;
        if (inFlight != null) {
            oldest = inFlight.firstRecordAtMillis();
        }
        if (current != null && !current.isEmpty()) {
            oldest = Math.min(oldest, current.firstRecordAtMillis());
        }
        return oldest;
    }
}
