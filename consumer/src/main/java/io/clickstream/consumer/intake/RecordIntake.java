package io.clickstream.consumer.intake;

import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.delivery.PartitionDelivery;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.dlq.RateLimitedLog;
import io.clickstream.consumer.generation.Generation;
import io.clickstream.consumer.generation.LakeFiles;
import io.clickstream.consumer.hours.StragglerRule;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.route.RecordRouter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one poll's records into their partitions' open generations: each valid record becomes a row
 * of its hour's file, each invalid one a dead letter. Decoding and Parquet encoding are nearly all of
 * the consumer's work, so partitions are taken in parallel on the {@link Workers}; one partition's
 * records are always taken by one thread, in offset order.
 *
 * <p>Opening a file is the exception. It costs memory at once (the writer's own buffers), so a worker
 * stops at a row that needs a new file, and the poll thread takes the rest of that partition's records,
 * asking the {@link FileGate} (the memory budget) before each file it opens, whatever the partition's
 * upload state. A partition the gate refuses stops where it is: {@link #take} returns the offset to
 * consume it again from, once memory is free. Files open at the start and when an hour begins, so nearly
 * every poll is taken wholly in parallel. Everything else that is shared (metrics, the rate-limited log,
 * the dead-letter producer) is thread-safe.
 */
public final class RecordIntake {
    private final RecordRouter router;
    private final DeadLetterSender deadLetters;
    private final ConsumerMetrics metrics;
    private static final Logger log = LoggerFactory.getLogger(RecordIntake.class);

    private final RateLimitedLog invalidLog;
    private final Workers workers;
    private final LakeFiles lakeFiles;
    private final Clock clock;
    private final StragglerRule stragglers;

    /** @param deadLetters null when {@code DLQ_TOPIC} is empty: invalid records are then logged and skipped */
    public RecordIntake(RecordRouter router, DeadLetterSender deadLetters, ConsumerMetrics metrics, Workers workers,
            LakeFiles lakeFiles, Clock clock) {
        this(router, deadLetters, metrics, workers, lakeFiles, clock, null);
    }

    /** @param stragglers where rows of a sealed hour go, and the grace watermarks move by; null: no watermarks at all */
    public RecordIntake(RecordRouter router, DeadLetterSender deadLetters, ConsumerMetrics metrics, Workers workers,
            LakeFiles lakeFiles, Clock clock, StragglerRule stragglers) {
        this.stragglers = stragglers;
        this.router = router;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.invalidLog = new RateLimitedLog(log, 20, Duration.ofMinutes(1), clock::millis);
        this.workers = workers;
        this.lakeFiles = lakeFiles;
        this.clock = clock;
    }

    /** One partition's records of a poll, and how far they have been taken. */
    private static final class PartitionRecords {
        final PartitionDelivery partition;
        final List<ConsumerRecord<ByteBuffer, ByteBuffer>> records;
        int next;
        /** The route of {@code records[next]}, when a worker stopped there because it needs a new file. */
        Route.Row waitingForFile;

        PartitionRecords(PartitionDelivery partition, List<ConsumerRecord<ByteBuffer, ByteBuffer>> records) {
            this.partition = partition;
            this.records = records;
        }

        boolean done() {
            return next == records.size();
        }
    }

    /** Asked on the poll thread before each new file: false when memory is over budget even after freeing what can be. */
    @FunctionalInterface
    public interface FileGate {
        boolean mayOpenFile();
    }

    /**
     * Takes the poll's records. Returns, for each partition the gate stopped, the offset of its first
     * record not taken: the caller seeks there, so it is consumed again.
     */
    public Map<TopicPartition, Long> take(ConsumerRecords<ByteBuffer, ByteBuffer> records,
            Function<TopicPartition, PartitionDelivery> partitions, FileGate gate) {
        List<PartitionRecords> pending = new ArrayList<>(records.partitions().size());
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> list = records.records(partition);
            metrics.consumed(list.size());
            pending.add(new PartitionRecords(partitions.apply(partition), list));
        }
        workers.forEach(pending, share -> takeFrom(share, null));
        // Once a partition opens files in a poll it finishes that poll here, on the poll thread, rather than
        // going back to the workers: if all partitions opened their next file in turns, the budget check would
        // close each partition early, and the files they opened next would belong to generations it may not
        // close while the first is uncommitted.
        Map<TopicPartition, Long> stopped = new HashMap<>();
        for (PartitionRecords share : pending) {
            if (!share.done() && !takeFrom(share, gate)) {
                stopped.put(share.partition.partition(), share.records.get(share.next).offset());
            }
        }
        return stopped;
    }

    /** Flushes the count of invalid records not logged one by one; called once per loop turn. */
    public void flushInvalidLog() {
        invalidLog.flush();
    }

    /**
     * Takes the records in order from where they stand. On a worker ({@code gate} null) it stops at a row
     * that needs a new file, keeping that row's route; on the poll thread it asks the gate and opens the
     * file, or stops there for good (returning false) when the gate refuses.
     */
    private boolean takeFrom(PartitionRecords share, FileGate gate) {
        while (!share.done()) {
            ConsumerRecord<ByteBuffer, ByteBuffer> record = share.records.get(share.next);
            Route route = share.waitingForFile != null ? share.waitingForFile : route(share.partition, record);
            share.waitingForFile = null;
            if (route instanceof Route.Row row) {
                if (generation(share.partition, record).needsNewFile(row.folder())) {
                    if (gate == null) {
                        share.waitingForFile = row;
                        return true;
                    }
                    if (!gate.mayOpenFile()) {
                        return false;
                    }
                }
                // Asked again: the gate may have closed this partition's generation to free memory.
                generation(share.partition, record).append(row, record.offset());
                metrics.valid();
                if (row.late()) {
                    metrics.late();
                }
            } else {
                reject(share.partition, record, ((Route.Reject) route).violations());
            }
            if (stragglers != null && stragglers.advances()) {
                share.partition.openGeneration().observe(record.timestamp(), routingGrace(share.partition));
            }
            share.next++;
        }
        return true;
    }

    /** The record's route; a row of an hour the partition's watermark has sealed goes under late/ instead. */
    private Route route(PartitionDelivery partition, ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        Route route = router.route(record.value(), valueBytes(record), record.timestamp());
        if (stragglers != null && route instanceof Route.Row row) {
            Generation open = partition.openGeneration();
            Route.Row routed = stragglers.apply(row, open != null ? open.watermark() : partition.progress().watermark(),
                    routingGrace(partition));
            if (routed != row) {
                metrics.straggler();
            }
            return routed;
        }
        return route;
    }

    /** The partition's routing grace (the shorter of this consumer's and its last commit's), or this consumer's. */
    private long routingGrace(PartitionDelivery partition) {
        long grace = partition.progress().graceMillis();
        return grace >= 0 ? grace : stragglers.maxWatermarkStepMillis();
    }

    /** The value's size on the broker: more than its length when the deserializer kept only a prefix. */
    private static int valueBytes(ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        int serialized = record.serializedValueSize();
        return serialized >= 0 ? serialized : record.value() == null ? 0 : record.value().remaining();
    }

    /** The partition's open generation, started at this record if there is none (or the budget check closed it). */
    private Generation generation(PartitionDelivery partition, ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        Generation open = partition.openGeneration();
        if (open == null) {
            open = new Generation(partition.partition(), record.offset(), partition.progress().watermark(), clock.millis(), lakeFiles);
            partition.startGeneration(open);
        }
        return open;
    }

    /**
     * The log line names the field and the reason only: a violation's detail may quote personal data (an IP
     * address, a user id, a URL), which stays in the dead letter for whoever may read that topic.
     */
    private void reject(PartitionDelivery partition, ConsumerRecord<ByteBuffer, ByteBuffer> record, List<Violation> violations) {
        metrics.invalid(violations.get(0).reason());
        invalidLog.warn("invalid record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                + violations.get(0).summary() + (violations.size() > 1 ? " (+" + (violations.size() - 1) + " more)" : "")
                + (deadLetters == null ? "; skipped (DLQ_TOPIC is empty)" : "; sent to " + deadLetters.topic()));
        if (deadLetters != null) {
            generation(partition, record).deadLettered(deadLetters.deadLetter(record, violations), record.offset());
        } else {
            generation(partition, record).skipped(record.offset());
        }
    }
}
