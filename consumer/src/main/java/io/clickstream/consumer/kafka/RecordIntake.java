package io.clickstream.consumer.kafka;

import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.batch.Generation;
import io.clickstream.consumer.dlq.DeadLetterRouter;
import io.clickstream.consumer.dlq.RateLimitedLog;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.RecordRouter;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.s3.ObjectKeyLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Takes one poll's records into their partitions' generations: each valid record becomes a row of
 * its hour's file, each invalid one a dead letter. Decoding and Parquet encoding are nearly all of
 * the consumer's work, so partitions are taken in parallel on the {@link Workers}; one partition's
 * records are always taken by one thread, in offset order.
 *
 * <p>Opening a file is the exception. It costs memory at once (the writer's own buffers), so a worker
 * stops at a row that needs a new file, and the poll thread takes the rest of that partition's records,
 * running the budget check (which may close other partitions' generations) after each file it opens.
 * Files open at the start and when an hour begins, so nearly every poll is taken wholly in parallel.
 * Everything else that is shared (metrics, the rate-limited log, the dead-letter producer) is thread-safe.
 */
final class RecordIntake {
    private final RecordRouter router;
    private final DeadLetterRouter deadLetters;
    private final ConsumerMetrics metrics;
    private final RateLimitedLog invalidLog;
    private final Workers workers;
    private final ObjectKeyLayout layout;
    private final ParquetSettings parquet;
    private final Path spoolDir;
    private final Clock clock;

    RecordIntake(RecordRouter router, DeadLetterRouter deadLetters, ConsumerMetrics metrics, RateLimitedLog invalidLog,
            Workers workers, ObjectKeyLayout layout, ParquetSettings parquet, Path spoolDir, Clock clock) {
        this.router = router;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.invalidLog = invalidLog;
        this.workers = workers;
        this.layout = layout;
        this.parquet = parquet;
        this.spoolDir = spoolDir;
        this.clock = clock;
    }

    /** One partition's share of a poll, and how far it has been taken. */
    private static final class Batch {
        final PartitionState state;
        final List<ConsumerRecord<byte[], byte[]>> records;
        int next;
        /** The route of {@code records[next]}, when a worker stopped there because it needs a new file. */
        Route.Row waitingForFile;

        Batch(PartitionState state, List<ConsumerRecord<byte[], byte[]>> records) {
            this.state = state;
            this.records = records;
        }

        boolean done() {
            return next == records.size();
        }
    }

    /**
     * Takes every record of the poll. {@code afterNewFile} runs on the calling (poll) thread after each
     * file opened, before anything else is appended.
     */
    void take(ConsumerRecords<byte[], byte[]> records, Function<TopicPartition, PartitionState> stateOf,
            Runnable afterNewFile) {
        List<Batch> pending = new ArrayList<>(records.partitions().size());
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
            metrics.consumed(batch.size());
            pending.add(new Batch(stateOf.apply(partition), batch));
        }
        workers.forEach(pending, batch -> takeFrom(batch, null));
        // Once a partition opens files in a poll it finishes that poll here, on the poll thread, rather than
        // going back to the workers: if all partitions opened their next file in turns, the budget check would
        // close each partition early, and the files they opened next would belong to generations it may not
        // close while the first is uncommitted.
        for (Batch batch : pending) {
            if (!batch.done()) {
                takeFrom(batch, afterNewFile);
            }
        }
    }

    /**
     * Takes the batch's records in order from where it stands. On a worker ({@code afterNewFile} null) it
     * stops at a row that needs a new file, keeping that row's route; on the poll thread it opens the file
     * and runs {@code afterNewFile} (the budget check) right after.
     */
    private void takeFrom(Batch batch, Runnable afterNewFile) {
        while (!batch.done()) {
            ConsumerRecord<byte[], byte[]> record = batch.records.get(batch.next);
            PartitionState state = batch.state;
            Route route = batch.waitingForFile != null ? batch.waitingForFile : router.route(record.value(), record.timestamp());
            batch.waitingForFile = null;
            if (route instanceof Route.Row row) {
                boolean opensFile = generation(state, record).needsNewFile(row.hourSource(), row.late());
                if (opensFile && afterNewFile == null) {
                    batch.waitingForFile = row;
                    return;
                }
                append(state, record, row);
                if (opensFile) {
                    afterNewFile.run();
                }
            } else {
                reject(state, record, ((Route.Reject) route).violations());
            }
            batch.next++;
        }
    }

    /** The partition's open generation, started at this record if there is none (or the budget check closed it). */
    private Generation generation(PartitionState state, ConsumerRecord<byte[], byte[]> record) {
        if (state.current == null) {
            state.current = new Generation(state.partition, record.offset(), clock.millis(), layout, parquet, spoolDir);
        }
        return state.current;
    }

    private void append(PartitionState state, ConsumerRecord<byte[], byte[]> record, Route.Row row) {
        generation(state, record).append(row.event(), row.ingestedAt(), row.hourSource(), row.late(), record.offset());
        metrics.valid();
        if (row.late()) {
            metrics.late();
        }
    }

    private void reject(PartitionState state, ConsumerRecord<byte[], byte[]> record, List<Violation> violations) {
        metrics.invalid(violations.get(0).reason());
        invalidLog.warn("invalid record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                + violations.get(0) + (violations.size() > 1 ? " (+" + (violations.size() - 1) + " more)" : "")
                + (deadLetters == null ? "; skipped (DLQ_TOPIC is empty)" : "; sent to " + deadLetters.topic()));
        if (deadLetters != null) {
            generation(state, record).deadLettered(deadLetters.send(record, violations), record.offset());
        } else {
            generation(state, record).skipped(record.offset());
        }
    }
}
