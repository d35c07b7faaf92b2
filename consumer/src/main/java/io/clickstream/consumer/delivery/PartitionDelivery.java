package io.clickstream.consumer.delivery;

import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.Generation;
import io.clickstream.consumer.hours.Watermark;
import io.clickstream.consumer.s3.S3Errors;
import io.clickstream.consumer.s3.S3Uploader.ExistingObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * One assigned partition on its way from records to a committed offset: the generation being
 * written, and at most one closed generation in flight, whose life is a {@link DeliveryState}.
 * Every field is private and changes only through the transitions below, each of which checks
 * that it is legal.
 *
 * <h2>Why a partition never has two uncommitted generations in S3 (the exactly-once argument)</h2>
 * A file's key is (hour, topic, partition, offset of its first record), all taken from the record.
 * After a crash the partition is replayed from its last committed offset X. For every hour H, the
 * first record of H at or after X is the same record in every attempt, so the replay opens a file
 * with the same key as before and the upload overwrites the old object whole, whatever batch
 * boundaries the replay happens to choose. That argument only holds if, per partition, the files
 * uploaded since X all started at or after X, i.e. at most one generation is uploaded and not yet
 * committed. Were a second generation [Y, Z) uploaded before [X, Y) is committed, a replay from X
 * with other boundaries could put records of [Y, Z) into a file keyed at or after X while the old
 * file keyed at or after Y stays in S3: a duplicate. So the open generation may close only in
 * {@link DeliveryState#READY}, that is when the previous one is committed; until then the partition
 * is paused if its open generation fills up.
 */
public final class PartitionDelivery {
    private static final Logger log = LoggerFactory.getLogger(PartitionDelivery.class);

    private final TopicPartition partition;
    private DeliveryState state = DeliveryState.READY;
    private Generation open;
    private ClosedGeneration inFlight;
    private RunningUpload upload;
    private int failedAttempts;
    /** Of {@link #failedAttempts}, those S3 says will not heal (AccessDenied, NoSuchBucket...). */
    private int permanentFailures;
    private long retryAtMillis;
    /**
     * The partition's end offset when it was assigned, while the generations published since have not reached it;
     * -1 otherwise (no backlog, or published to it). Up to there the records are the backlog the previous owner
     * left uncommitted (after a crash, everything since its last commit): the generation that reaches it closes
     * then rather than at {@code BATCH_MAX_AGE}, so the partition is committed again within seconds of a takeover,
     * not a batch age later. A generation closed by a limit before it (records, bytes, age, the memory budget)
     * leaves it set: the backlog's tail is in the next one. Records that arrive after the assignment are not a
     * backlog: a clean handoff closes its generations at their limits, as ever.
     */
    private long backlogEnd = -1;
    /** Keys of the in-flight generation to write over exactly the object with this ETag (a null ETag: only if free). */
    private final Map<String, String> replacements = new HashMap<>();

    /** Attempts at an upload that S3 refuses for good before the consumer stops. */
    static final int MAX_PERMANENT_FAILURES = 5;

    /** The committed offset, the watermark, the last activity: see {@link PartitionProgress}. */
    private final PartitionProgress progress;

    public PartitionDelivery(TopicPartition partition) {
        this(partition, Watermark.NONE, -1, 0);
    }

    public PartitionDelivery(TopicPartition partition, long watermark, long committedOffset, long nowMillis) {
        this(partition, watermark, committedOffset, nowMillis, -1);
    }

    /** @param graceMillis the grace its rows are routed with (see {@link PartitionProgress#graceMillis}) */
    public PartitionDelivery(TopicPartition partition, long watermark, long committedOffset, long nowMillis, long graceMillis) {
        this.partition = partition;
        this.progress = new PartitionProgress(watermark, committedOffset, nowMillis, graceMillis);
    }

    public PartitionProgress progress() {
        return progress;
    }

    /**
     * A quiet partition's watermark moved to the clock, by a commit of the same offset that carried it. Only while
     * nothing is held and no generation is open: the commit's offset is then where every record after the new
     * watermark starts, and the next generation starts with it.
     */
    void watermarkAdvanced(long watermarkMillis) {
        if (!holdsNothing()) {
            throw new IllegalStateException(partition + ": the watermark moves without records only while nothing is held");
        }
        progress.advanced(watermarkMillis);
    }

    public TopicPartition partition() {
        return partition;
    }

    public DeliveryState state() {
        return state;
    }

    // ---- the open generation --------------------------------------------------------------------

    /** The generation being written, or null. */
    public Generation openGeneration() {
        return open;
    }

    /** Starts the generation the next records go into; only when none is open. */
    public void startGeneration(Generation generation) {
        if (open != null || state == DeliveryState.DROPPED) {
            throw new IllegalStateException(partition + ": cannot start a generation while "
                    + (open != null ? "one is open" : "dropped"));
        }
        open = generation;
        progress.generationStarted(generation.firstRecordAtMillis());
    }

    /** Which limit says the open generation is due to close, whatever the delivery state. */
    CloseReason closeReason(BatchLimits limits, long nowMillis) {
        return open == null ? CloseReason.NONE : open.check(limits, nowMillis);
    }

    /** Assigned with records after its committed offset up to {@code endOffset}: a backlog to commit quickly. */
    void backlogUntil(long endOffset) {
        backlogEnd = endOffset;
    }

    /** A backlog found at the assignment is not published to its end yet (see {@link #backlogEnd}). */
    boolean catchingUp() {
        return backlogEnd >= 0;
    }

    /** The partition's end offset when it was assigned, while catching up; -1 otherwise. */
    long backlogEnd() {
        return backlogEnd;
    }

    /** A generation that reached the backlog's end was published: later ones close at their limits only. */
    void caughtUp() {
        backlogEnd = -1;
    }

    /** The open generation holds records and the one-generation rule lets it close. */
    boolean mayClose() {
        return state == DeliveryState.READY && open != null && !open.isEmpty();
    }

    // ---- transitions ----------------------------------------------------------------------------

    /** READY -> UPLOADING: seals the open generation's files and starts their upload. */
    ClosedGeneration publish(GenerationPublisher publisher) {
        require(DeliveryState.READY, DeliveryState.UPLOADING);
        if (open == null || open.isEmpty()) {
            throw new IllegalStateException(partition + ": nothing to publish");
        }
        Generation closing = open;
        open = null;
        inFlight = closing.close();
        progress.published(inFlight.endWatermark());
        state = DeliveryState.UPLOADING;
        failedAttempts = 0;
        permanentFailures = 0;
        replacements.clear();
        upload = new RunningUpload(publisher.publish(inFlight, replacements));
        return inFlight;
    }

    /**
     * UPLOADING -> AWAITING_COMMIT or RETRY_AT, once the upload is done; null while it runs (or when
     * nothing is uploading). A failure that no retry fixes leaves the state alone: the caller drops the
     * work and stops.
     */
    UploadEnd finishUpload(long nowMillis, BackoffStrategy backoff) {
        if (state != DeliveryState.UPLOADING || !upload.isDone()) {
            return null;
        }
        Throwable failure = upload.failure();
        upload = null;
        if (failure == null) {
            moveTo(DeliveryState.AWAITING_COMMIT);
            return new UploadEnd.Uploaded(inFlight.commitOffset());
        }
        if (failure instanceof GenerationPublisher.DeadLetterException letter && letter.refused()) {
            return new UploadEnd.Fatal(failure.getMessage());
        }
        if (failure instanceof GenerationPublisher.KeysTakenException keys) {
            return new UploadEnd.KeysTaken(keys.taken());
        }
        failedAttempts++;
        if (S3Errors.isPermanent(failure) && ++permanentFailures >= MAX_PERMANENT_FAILURES) {
            return new UploadEnd.Fatal(failure.getMessage() + " (" + permanentFailures + " attempts; S3 answers "
                    + S3Errors.describe(failure) + ", which retrying does not fix); nothing is committed from offset "
                    + inFlight.startOffset() + " of " + partition + " on");
        }
        // computeDelay takes the number of the attempt about to be made (1 = the first, which it never delays).
        long delay = backoff.computeDelay(Math.min(failedAttempts + 1, 30)).toMillis();
        retryAtMillis = nowMillis + delay;
        moveTo(DeliveryState.RETRY_AT);
        return new UploadEnd.WillRetry(failure, failedAttempts, delay);
    }

    /**
     * UPLOADING -> RETRY_AT, after keys were found taken: at {@code retryAtMillis} the files are uploaded
     * again, the taken ones over exactly the objects found ({@code replace}: this consumer proved it owns the
     * partition), or, with none to replace, each only if its key is free.
     */
    void retryReplacing(List<ExistingObject> replace, long retryAtMillis) {
        moveTo(DeliveryState.RETRY_AT);
        for (ExistingObject object : replace) {
            if (object.etag() == null) {
                replacements.remove(object.key()); // gone meanwhile: written new, if still free
            } else {
                replacements.put(object.key(), object.etag());
            }
        }
        this.retryAtMillis = retryAtMillis;
    }

    /** The upload failed and its backoff has passed. */
    boolean retryDue(long nowMillis) {
        return state == DeliveryState.RETRY_AT && nowMillis >= retryAtMillis;
    }

    /** RETRY_AT -> UPLOADING: uploads the same files again. */
    void retry(GenerationPublisher publisher) {
        require(DeliveryState.RETRY_AT, DeliveryState.UPLOADING);
        state = DeliveryState.UPLOADING;
        upload = new RunningUpload(publisher.publish(inFlight, replacements));
    }

    /** AWAITING_COMMIT -> READY: the offset is committed; the spool files go. */
    void committed(long offset, long nowMillis) {
        moveTo(DeliveryState.READY);
        progress.committed(offset, nowMillis);
        if (failedAttempts > 0) {
            log.info("S3 is back: {} offsets {}..{} delivered after {} failed attempts", partition,
                    inFlight.startOffset(), offset - 1, failedAttempts);
        }
        inFlight.deleteSpoolFiles();
        inFlight = null;
        failedAttempts = 0;
        permanentFailures = 0;
    }

    /**
     * Any state -> DROPPED: discards the open generation and the closed one (an upload still running is
     * left to finish or fail; its spool files are then left to the spool folder's clean-up). Returns the
     * offsets the dropped work covered, where a replay must start, or null when nothing was held.
     */
    Held drop() {
        long from = Long.MAX_VALUE;
        long to = -1;
        if (inFlight != null) {
            from = inFlight.startOffset();
            to = inFlight.commitOffset();
        }
        if (open != null && !open.isEmpty()) {
            from = Math.min(from, open.startOffset());
            to = Math.max(to, open.nextOffset());
        }
        if (inFlight != null) {
            progress.rewound(inFlight.startWatermark());
        } else if (open != null) {
            progress.rewound(open.startWatermark());
        }
        moveTo(DeliveryState.DROPPED);
        if (open != null) {
            open.discard();
            open = null;
        }
        if (inFlight != null && !uploadRunning()) {
            inFlight.deleteSpoolFiles();
        }
        inFlight = null;
        upload = null;
        return from == Long.MAX_VALUE ? null : new Held(from, to);
    }

    private void moveTo(DeliveryState next) {
        if (!next.mayFollow(state)) {
            throw illegal(next);
        }
        state = next;
    }

    /** For a move that is legal only from one state (both publish and retry lead to UPLOADING). */
    private void require(DeliveryState from, DeliveryState next) {
        if (state != from || !next.mayFollow(from)) {
            throw illegal(next);
        }
    }

    private IllegalStateException illegal(DeliveryState next) {
        return new IllegalStateException(partition + ": " + state + " -> " + next + " is not a legal move");
    }

    // ---- what the loop asks ---------------------------------------------------------------------

    /** A closed generation is not yet committed. */
    boolean hasInFlight() {
        return inFlight != null;
    }

    /** The in-flight generation has failed at least once (and is waiting for, or making, a retry). */
    boolean isRetrying() {
        return inFlight != null && failedAttempts > 0;
    }

    /** READY, with no generation in flight and none open (not even an empty one, which would close below an idle advance). */
    boolean holdsNothing() {
        return state == DeliveryState.READY && inFlight == null && open == null;
    }

    /** Nothing uncommitted is held: no generation in flight and no record in the open one. */
    boolean isDrained() {
        return inFlight == null && (open == null || open.isEmpty());
    }

    ClosedGeneration inFlight() {
        return inFlight;
    }

    boolean uploadRunning() {
        return upload != null && !upload.isDone();
    }

    /** Waits up to {@code millis} for the running upload to end; returns at once if none runs. */
    void awaitUpload(long millis) {
        if (uploadRunning()) {
            upload.await(millis);
        }
    }

    /** What the memory budget counts: the open generation, and the dead letters held until the in-flight one is committed. */
    public long bufferedBytes() {
        return (open == null ? 0 : open.bufferedBytes()) + (inFlight == null ? 0 : inFlight.deadLetterBytes());
    }

    public int openFiles() {
        return open == null ? 0 : open.openFiles();
    }

    /** When the oldest record not yet committed was consumed, or {@code Long.MAX_VALUE}. */
    long oldestUncommittedMillis() {
        long oldest = Long.MAX_VALUE;
        if (inFlight != null) {
            oldest = inFlight.firstRecordAtMillis();
        }
        if (open != null && !open.isEmpty()) {
            oldest = Math.min(oldest, open.firstRecordAtMillis());
        }
        return oldest;
    }
}
