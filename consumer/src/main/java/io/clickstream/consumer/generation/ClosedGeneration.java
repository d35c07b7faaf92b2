package io.clickstream.consumer.generation;

import io.clickstream.consumer.dlq.DeadLetter;
import io.clickstream.consumer.hours.Watermark;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything one partition consumed since its last commit, closed: the files to upload, the
 * dead-letter sends that must be acknowledged, and the offset to commit once both are done.
 */
public record ClosedGeneration(
        TopicPartition partition,
        long startOffset,
        long commitOffset,
        List<SealedFile> files,
        List<DeadLetter> deadLetters,
        long deadLetterBytes,
        long firstRecordAtMillis,
        long startWatermark,
        long endWatermark) {

    /** A generation whose partition carries no watermark (hour markers off, or in tests). */
    public ClosedGeneration(TopicPartition partition, long startOffset, long commitOffset, List<SealedFile> files,
            List<DeadLetter> deadLetters, long deadLetterBytes, long firstRecordAtMillis) {
        this(partition, startOffset, commitOffset, files, deadLetters, deadLetterBytes, firstRecordAtMillis,
                Watermark.NONE, Watermark.NONE);
    }

    public ClosedGeneration {
        files = List.copyOf(files);
        deadLetters = List.copyOf(deadLetters);
    }

    public long rows() {
        return files.stream().mapToLong(SealedFile::rows).sum();
    }

    public long bytes() {
        return files.stream().mapToLong(SealedFile::bytes).sum();
    }

    /** Deletes the sealed files from the spool folder once they are committed (or dropped): best effort. */
    public void deleteSpoolFiles() {
        for (SealedFile file : files) {
            try {
                Files.deleteIfExists(file.path());
            } catch (IOException e) {
                // a leftover spool file is harmless: the spool folder is cleaned at start-up
            }
        }
    }
}
