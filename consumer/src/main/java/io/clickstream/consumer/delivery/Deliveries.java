package io.clickstream.consumer.delivery;

import io.clickstream.consumer.delivery.OffsetCommitter.Outcome;
import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.hours.Watermark;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.s3.S3Uploader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Every assigned partition's {@link PartitionDelivery}, and the moves that involve Kafka: publishing
 * only what this consumer still owns, committing what is uploaded, and replaying what was dropped.
 * All of it runs on the poll thread.
 */
public final class Deliveries {
    /** How long an assignment waits for the new partitions' end offsets (to find a backlog) before going without. */
    private static final Duration BACKLOG_LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final Consumer<?, ?> consumer;
    private final GenerationPublisher publisher;
    private final OffsetCommitter committer;
    private final BackoffStrategy backoff;
    private final ConsumerMetrics metrics;
    private final Map<TopicPartition, PartitionDelivery> partitions = new HashMap<>();
    private final DroppedWork dropped = new DroppedWork();
    private final CommittedWatermarks watermarks;
    /** A commit deferred by a rebalance was logged: the retries after each poll of the same rebalance are not. */
    private boolean deferralLogged;
    private final long graceMillis;
    /** Why the consumer must stop (an upload that will never succeed), or null. */
    private String fatal;

    public Deliveries(Consumer<?, ?> consumer, GenerationPublisher publisher, Duration uploadBackoffMax, ConsumerMetrics metrics) {
        this(consumer, publisher, uploadBackoffMax, metrics, null);
    }

    /** @param hourGrace the grace rows are routed with, carried in every commit beside the watermark; null: none */
    public Deliveries(Consumer<?, ?> consumer, GenerationPublisher publisher, Duration uploadBackoffMax, ConsumerMetrics metrics,
            Duration hourGrace) {
        this.graceMillis = hourGrace == null ? -1 : hourGrace.toMillis();
        this.consumer = consumer;
        this.publisher = publisher;
        this.committer = new OffsetCommitter(consumer);
        this.watermarks = new CommittedWatermarks(consumer, committer, graceMillis);
        this.backoff = BackoffStrategy.exponentialDelay(Duration.ofMillis(500), uploadBackoffMax);
        this.metrics = metrics;
    }

    /**
     * The partition's delivery, a new one if it has none or its last one was dropped (which starts with the
     * watermark of where the dropped work began: where the replay starts).
     */
    public PartitionDelivery of(TopicPartition partition) {
        PartitionDelivery delivery = partitions.get(partition);
        if (delivery == null) {
            delivery = new PartitionDelivery(partition);
            partitions.put(partition, delivery);
        } else if (delivery.state() == DeliveryState.DROPPED) {
            PartitionProgress was = delivery.progress();
            delivery = new PartitionDelivery(partition, was.watermark(), was.committedOffset(), was.lastActivityMillis(),
                    was.graceMillis());
            partitions.put(partition, delivery);
        }
        return delivery;
    }

    /** Newly assigned partitions start from the group's committed offsets and (with hour markers on) watermarks. */
    public void assigned(Collection<TopicPartition> assigned, boolean restoreWatermarks, long nowMillis) {
        List<TopicPartition> fresh = assigned.stream().filter(p -> !partitions.containsKey(p)).toList();
        watermarks.assigned(partitions, assigned, restoreWatermarks, nowMillis);
        markBacklogs(fresh);
    }

    /**
     * Newly assigned partitions with records after their committed offset: the backlog a previous owner left (see
     * {@link PartitionDelivery#backlogUntil}). One ListOffsets request; if it fails, nothing is marked and the
     * backlog closes at the batch limits as any generation does.
     */
    private void markBacklogs(List<TopicPartition> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(fresh, BACKLOG_LOOKUP_TIMEOUT);
        } catch (RuntimeException e) {
            log.info("end offsets of {} unknown ({}): a backlog there closes at the batch limits", fresh, e.getMessage());
            return;
        }
        for (TopicPartition partition : fresh) {
            PartitionDelivery delivery = partitions.get(partition);
            Long end = ends.get(partition);
            if (delivery != null && end != null && end > Math.max(0, delivery.progress().committedOffset())) {
                delivery.backlogUntil(end);
            }
        }
    }

    /** Moves the watermarks of partitions without traffic to the clock (see {@link CommittedWatermarks}). */
    public void advanceIdleWatermarks(long nowMillis, long idleMillis, Duration grace) {
        watermarks.advanceIdle(partitions, nowMillis, idleMillis, grace);
    }

    public Collection<PartitionDelivery> all() {
        return partitions.values();
    }

    /** Forgets partitions that moved to another consumer (after their drain). */
    public void forget(Collection<TopicPartition> gone) {
        gone.forEach(partitions::remove);
    }

    /** Partitions lost without a clean revocation: their work is dropped, nothing is committed. */
    public void lost(Collection<TopicPartition> gone) {
        for (TopicPartition partition : gone) {
            PartitionDelivery delivery = partitions.remove(partition);
            if (delivery != null && delivery.state() != DeliveryState.DROPPED) {
                drop(delivery, "partition lost");
            }
        }
    }

    /** Drops a partition's uncommitted work, remembering what was dropped until a commit passes it. */
    void drop(PartitionDelivery delivery, String why) {
        dropped.dropped(delivery.partition(), delivery.drop(), why);
    }

    /** Why the consumer must stop, or null: an upload that no retry fixes. */
    public String fatal() {
        return fatal;
    }

    /**
     * What this consumer read and dropped that the group has not committed since (asked of Kafka): the
     * records a clean stop may not claim. Empty when everything read was committed.
     */
    public List<String> notCommitted(Duration timeout) {
        return dropped.notCommitted(consumer, timeout).stream().map(Object::toString).toList();
    }

    /**
     * Commits every partition whose upload finished (and those whose commit waited for a rebalance);
     * schedules a retry for failed uploads. With {@code mayDefer}, a commit refused by a rebalance in
     * progress is retried after the next poll; without (while draining, when no poll runs) it is given up.
     */
    public void completeUploads(long nowMillis, boolean mayDefer) {
        Map<TopicPartition, OffsetAndMetadata> ready = new HashMap<>();
        for (PartitionDelivery delivery : List.copyOf(partitions.values())) {
            UploadEnd end = delivery.finishUpload(nowMillis, backoff);
            if (end instanceof UploadEnd.WillRetry failed) {
                ClosedGeneration generation = delivery.inFlight();
                metrics.uploadFailed();
                log.warn("upload of {} offsets {}..{} failed (attempt {}), partition paused, retrying in {} ms: {}",
                        delivery.partition(), generation.startOffset(), generation.commitOffset() - 1, failed.attempts(),
                        failed.delayMillis(), failed.cause().getMessage());
            } else if (end instanceof UploadEnd.KeysTaken keys) {
                fenceAndReplace(delivery, keys.taken(), nowMillis);
            } else if (end instanceof UploadEnd.Fatal stop) {
                drop(delivery, "upload failed for good");
                if (fatal == null) {
                    fatal = stop.reason();
                }
            }
            if (delivery.state() == DeliveryState.AWAITING_COMMIT) {
                ClosedGeneration inFlight = delivery.inFlight();
                ready.put(delivery.partition(), new OffsetAndMetadata(inFlight.commitOffset(), metadata(inFlight.endWatermark(), delivery)));
            }
        }
        if (!ready.isEmpty()) {
            commit(ready, mayDefer);
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets, boolean mayDefer) {
        long start = System.nanoTime();
        Outcome outcome = committer.commit(offsets);
        if (outcome instanceof Outcome.Committed) {
            metrics.committed(Duration.ofNanos(System.nanoTime() - start));
            deferralLogged = false;
            offsets.forEach((partition, offset) -> {
                log.debug("committed {} at {}", partition, offset.offset());
                partitions.get(partition).committed(offset.offset(), System.currentTimeMillis());
                dropped.committed(partition, offset.offset());
            });
        } else if (outcome instanceof Outcome.Rebalancing rebalancing && mayDefer) {
            // Cooperative rebalancing: the next poll completes it. Partitions we keep are committed then;
            // revoked ones are committed by the revocation callback, or replayed by their next owner.
            if (deferralLogged) {
                log.debug("offset commit for {} still waits for the rebalance in progress", offsets.keySet());
            } else {
                log.info("offset commit for {} waits for the rebalance in progress; retried after each poll until it "
                        + "completes", offsets.keySet());
                deferralLogged = true;
            }
        } else {
            KafkaException cause = outcome instanceof Outcome.Refused refused ? refused.cause()
                    : ((Outcome.Rebalancing) outcome).cause();
            giveUp(offsets.keySet(), cause);
        }
    }

    /**
     * The group moved on: these partitions may belong to someone else now. Their files are in S3 under
     * deterministic keys, so whoever replays them overwrites the same objects.
     */
    private void giveUp(Set<TopicPartition> refused, KafkaException cause) {
        log.warn("offset commit for {} failed ({}); dropping their state, the owner replays from the last commit",
                refused, cause.getClass().getSimpleName());
        for (TopicPartition partition : refused) {
            rewind(partitions.get(partition), "commit refused: " + cause.getClass().getSimpleName());
        }
    }

    /**
     * Keys of the in-flight generation hold another writer's objects. Every key of the generation has its first
     * offset at or after the generation's start, which is the partition's committed offset if this consumer owns
     * it; all committed records are below it, so those objects are not committed: an earlier attempt's, which
     * this consumer may replace. Whether it owns the partition is asked of Kafka itself: it commits the start
     * offset again, which only the partition's current owner can do. A consumer that stalled past its session
     * timeout (a zombie) is refused, drops its work, and overwrites nothing.
     */
    private void fenceAndReplace(PartitionDelivery delivery, List<S3Uploader.ExistingObject> taken, long nowMillis) {
        TopicPartition partition = delivery.partition();
        long start = delivery.inFlight().startOffset();
        // The same offset and watermark as the commit this generation started at: it changes nothing, if accepted.
        Outcome outcome = committer.commit(Map.of(partition,
                new OffsetAndMetadata(start, metadata(delivery.inFlight().startWatermark(), delivery))));
        if (outcome instanceof Outcome.Committed) {
            log.warn("{}: {} key(s) held objects of another, uncommitted attempt (e.g. {}); this consumer owns the "
                    + "partition (its offset commit was accepted) and replaces them", partition, taken.size(),
                    taken.get(0).key());
            delivery.retryReplacing(taken, nowMillis);
        } else if (outcome instanceof Outcome.Rebalancing) {
            delivery.retryReplacing(List.of(), nowMillis + 1_000); // ask again after the rebalance
        } else {
            log.warn("{}: keys are taken and this consumer's offset commit was refused: another consumer owns the "
                    + "partition now; dropping this one's work, nothing overwritten", partition);
            rewind(delivery, "fenced: the partition moved while this consumer stalled");
        }
    }

    /**
     * A commit's metadata: the watermark and the partition's routing grace. With hour markers off both are carried
     * on as they were committed (the watermark does not move), so hours sealed before stay sealed.
     */
    private String metadata(long watermark, PartitionDelivery delivery) {
        return Watermark.encode(watermark, delivery.progress().graceMillis());
    }

    /** Closes the partition's open generation and uploads it, if this consumer still owns the partition. */
    void publish(PartitionDelivery delivery, CloseReason reason) {
        if (!ownsPartition(delivery)) {
            return;
        }
        // Closed by a limit before the end of the backlog, the rest of it still closes once read to the end. A
        // budget close is left out: it may come in the middle of a poll, whose later records go into the next
        // generation however far the position is (at worst, the next generation closes at CAUGHT_UP too).
        boolean reachedTheEnd = delivery.catchingUp() && (reason == CloseReason.CAUGHT_UP
                || (reason == CloseReason.RECORDS || reason == CloseReason.BYTES || reason == CloseReason.AGE)
                        && readToTheEnd(delivery));
        ClosedGeneration closed = delivery.publish(publisher);
        if (reachedTheEnd) {
            delivery.caughtUp();
        }
        log.debug("closing {} offsets {}..{} ({}): {} files, {} rows", delivery.partition(), closed.startOffset(),
                closed.commitOffset() - 1, reason, closed.files().size(), closed.rows());
    }

    /** Closes every generation that reached a limit, where the one-generation rule allows. */
    public void closeDue(BatchLimits limits, long nowMillis) {
        for (PartitionDelivery delivery : partitions.values()) {
            if (delivery.mayClose()) {
                CloseReason reason = delivery.closeReason(limits, nowMillis);
                if (reason == CloseReason.NONE && delivery.catchingUp() && readToTheEnd(delivery)) {
                    reason = CloseReason.CAUGHT_UP;
                }
                if (reason != CloseReason.NONE) {
                    publish(delivery, reason);
                }
            }
        }
    }

    /**
     * The open generation reaches the end of the backlog found at the assignment: its records do, or the consumer's
     * position does (past control records or compacted offsets at the end).
     */
    private boolean readToTheEnd(PartitionDelivery delivery) {
        var open = delivery.openGeneration();
        long end = delivery.backlogEnd();
        if (open == null || end < 0) {
            return false;
        }
        if (open.nextOffset() >= end) {
            return true;
        }
        try {
            return consumer.position(delivery.partition(), Duration.ZERO) >= end;
        } catch (org.apache.kafka.common.errors.TimeoutException | IllegalStateException e) {
            return false; // no position known yet, or the partition is being revoked: not there
        }
    }

    /** Uploads again what failed, once its backoff has passed. */
    public void retryDue(long nowMillis) {
        for (PartitionDelivery delivery : List.copyOf(partitions.values())) {
            if (delivery.retryDue(nowMillis) && ownsPartition(delivery)) {
                metrics.uploadRetried();
                delivery.retry(publisher);
            }
        }
    }

    /** The zombie guard: only the current owner of a partition may write its keys. */
    private boolean ownsPartition(PartitionDelivery delivery) {
        if (consumer.assignment().contains(delivery.partition())) {
            return true;
        }
        log.warn("{} is no longer assigned to this consumer: dropping its uncommitted files", delivery.partition());
        drop(delivery, "no longer assigned");
        return false;
    }

    /** Forgets a partition's uncommitted work and seeks back to where it began, so it is consumed again. */
    private void rewind(PartitionDelivery delivery, String why) {
        TopicPartition partition = delivery.partition();
        // Where the dropped work began is known locally: seek there without asking Kafka, which may be
        // the very thing that is failing (a seek that silently did not happen would skip the records).
        Held held = delivery.drop();
        dropped.dropped(partition, held, why);
        if (!consumer.assignment().contains(partition)) {
            return;
        }
        if (held != null) {
            consumer.seek(partition, held.from());
            return;
        }
        try {
            OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
            if (committed != null) {
                consumer.seek(partition, committed.offset());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        } catch (KafkaException e) {
            log.warn("cannot seek {} back to its committed offset: {}", partition, e.getMessage());
        }
    }

    // ---- totals for the gauges and the progress line ----------------------------------------------

    public long bufferedBytes() {
        return partitions.values().stream().mapToLong(PartitionDelivery::bufferedBytes).sum();
    }

    public int openFiles() {
        return partitions.values().stream().mapToInt(PartitionDelivery::openFiles).sum();
    }

    /** When the oldest record not yet committed was consumed, or {@code Long.MAX_VALUE}. */
    public long oldestUncommittedMillis() {
        return partitions.values().stream().mapToLong(PartitionDelivery::oldestUncommittedMillis).min().orElse(Long.MAX_VALUE);
    }

    public int uncommittedPartitions() {
        return (int) partitions.values().stream().filter(delivery -> !delivery.isDrained()).count();
    }

    /** Partitions with state, whatever it is. */
    public Set<TopicPartition> partitions() {
        return Set.copyOf(partitions.keySet());
    }

    /** The deliveries of those partitions that have one. */
    List<PartitionDelivery> existing(Collection<TopicPartition> wanted) {
        var out = new ArrayList<PartitionDelivery>();
        for (TopicPartition partition : wanted) {
            PartitionDelivery delivery = partitions.get(partition);
            if (delivery != null) {
                out.add(delivery);
            }
        }
        return out;
    }
}
