package io.clickstream.consumer.kafka;

import io.clickstream.consumer.batch.BatchLimits;
import io.clickstream.consumer.batch.BatchLimits.CloseReason;
import io.clickstream.consumer.batch.ClosedGeneration;
import io.clickstream.consumer.batch.Generation;
import io.clickstream.consumer.batch.GenerationPublisher;
import io.clickstream.consumer.batch.GenerationPublisher.DeadLetterException;
import io.clickstream.consumer.batch.SealedFile;
import io.clickstream.consumer.dlq.DeadLetterRouter;
import io.clickstream.consumer.dlq.RateLimitedLog;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.RecordRouter;
import io.clickstream.consumer.s3.ObjectKeyLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The poll loop: routes each record into its partition's generation, closes generations when they
 * are full, old or over the memory budget, hands them to the publisher, and commits a partition's
 * offsets only after everything below them is in S3 (and in the dead-letter topic).
 *
 * <h2>Why a partition never has two uncommitted generations in S3</h2>
 * A file's key is (hour, topic, partition, offset of its first record), all taken from the record.
 * After a crash the partition is replayed from its last committed offset X. For every hour H, the
 * first record of H at or after X is the same record in every attempt, so the replay opens a file
 * with the same key as before and the upload overwrites the old object whole, whatever batch
 * boundaries the replay happens to choose. That argument only holds if, per partition, the files
 * uploaded since X all started at or after X, i.e. at most one generation is uploaded and not yet
 * committed. Were a second generation [Y, Z) uploaded before [X, Y) is committed, a replay from X
 * with other boundaries could put records of [Y, Z) into a file keyed at or after X while the old
 * file keyed at or after Y stays in S3: a duplicate. So {@link #closeDue} never closes a partition's
 * generation while another one is in flight ({@code !state.hasInFlight()}); the partition is paused
 * instead until the commit lands.
 */
public final class SinkLoop {
    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final RecordIntake intake;
    private final GenerationPublisher publisher;
    private final BatchLimits limits;
    private final long bufferMaxBytes;
    private final Duration exitWhenIdle;
    private final Duration shutdownTimeout;
    private final BackoffStrategy backoff;
    private final ConsumerMetrics metrics;
    private final Clock clock;
    private final AtomicBoolean running;
    private final RateLimitedLog invalidLog;
    private final ProgressReporter progress;
    private final Map<TopicPartition, PartitionState> states = new HashMap<>();
    private long lastRecordAtMillis;
    /** Commits given up on (their work dropped for replay): a drain that saw one did not commit everything. */
    private long commitsGivenUp;

    public SinkLoop(Settings settings, Consumer<byte[], byte[]> consumer, RecordRouter router, Workers workers,
            DeadLetterRouter deadLetters, GenerationPublisher publisher, ConsumerMetrics metrics, Clock clock, AtomicBoolean running) {
        this.consumer = consumer;
        this.topic = settings.topic();
        this.publisher = publisher;
        this.limits = settings.limits();
        this.bufferMaxBytes = settings.bufferMaxBytes();
        this.exitWhenIdle = settings.exitWhenIdle();
        this.shutdownTimeout = settings.shutdownTimeout();
        this.backoff = BackoffStrategy.exponentialDelay(Duration.ofMillis(500), settings.uploadBackoffMax());
        this.metrics = metrics;
        this.clock = clock;
        this.running = running;
        this.invalidLog = new RateLimitedLog(log, 20, Duration.ofMinutes(1), clock::millis);
        this.intake = new RecordIntake(router, deadLetters, metrics, invalidLog, workers, settings.layout(), settings.parquet(),
                settings.spoolDir(), clock);
        this.progress = new ProgressReporter(metrics, settings.progressInterval(), clock.millis());
        metrics.bindState(this::bufferedBytes, this::openFiles, this::oldestUncommittedSeconds);
    }

    /** What the loop needs besides its collaborators. */
    public record Settings(String topic, ObjectKeyLayout layout, ParquetSettings parquet, Path spoolDir,
            BatchLimits limits, long bufferMaxBytes, Duration exitWhenIdle, Duration shutdownTimeout,
            Duration uploadBackoffMax, Duration progressInterval) {
    }

    /** Runs until {@code running} turns false (then {@link Consumer#wakeup()}) or the idle exit fires; then drains. */
    public SinkSummary run() {
        consumer.subscribe(List.of(topic), new Rebalance());
        lastRecordAtMillis = clock.millis();
        boolean drained = false;
        try {
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL_TIMEOUT);
                } catch (WakeupException e) {
                    continue; // the loop condition decides
                }
                long now = clock.millis();
                if (!records.isEmpty()) {
                    handle(records);
                    lastRecordAtMillis = now;
                }
                step(now);
                if (exitWhenIdle != null && now - lastRecordAtMillis >= exitWhenIdle.toMillis()) {
                    log.info("nothing arrived for {} (EXIT_WHEN_IDLE): flushing, committing and exiting", exitWhenIdle);
                    break;
                }
            }
            drained = drain(states.values(), clock.millis() + shutdownTimeout.toMillis(), CloseReason.SHUTDOWN);
        } finally {
            closeConsumer();
        }
        return new SinkSummary(metrics.consumedCount(), metrics.validCount(), metrics.invalidCount(),
                metrics.filesUploadedCount(), metrics.bytesUploadedCount(), drained);
    }

    /** One turn of bookkeeping after a poll; package-private so tests can drive the loop step by step. */
    void step(long now) {
        completeUploads(now, true);
        closeDue(now);
        retryFailedUploads(now);
        updatePauses(now);
        invalidLog.flush();
        progress.maybeLog(now, bufferedBytes(), openFiles(), uncommittedPartitions(), pausedCount(), totalLag());
    }

    void handle(ConsumerRecords<byte[], byte[]> records) {
        // A new file costs memory at once (its writer's overhead): check the budget as each one opens, not
        // after the poll, or one poll spread over many partitions and hours could open thousands of files.
        intake.take(records, partition -> states.computeIfAbsent(partition, PartitionState::new), () -> {
            if (bufferedBytes() > bufferMaxBytes) {
                enforceBudget();
            }
        });
    }

    /**
     * Commits every partition whose in-flight generation finished; schedules a retry for failed ones.
     * With {@code mayDefer}, a commit refused by a rebalance in progress is retried after the next poll.
     */
    private void completeUploads(long now, boolean mayDefer) {
        Map<TopicPartition, OffsetAndMetadata> ready = new HashMap<>();
        for (PartitionState state : states.values()) {
            if (state.awaitingCommit) {
                ready.put(state.partition, new OffsetAndMetadata(state.inFlight.commitOffset()));
                continue;
            }
            if (state.upload == null || !state.upload.isDone()) {
                continue;
            }
            Throwable failure = failureOf(state);
            state.upload = null;
            if (failure == null) {
                ready.put(state.partition, new OffsetAndMetadata(state.inFlight.commitOffset()));
            } else if (failure instanceof DeadLetterException) {
                log.warn("{}; replaying {} from its last committed offset", failure.getMessage(), state.partition);
                rewind(state);
            } else {
                state.failedAttempts++;
                metrics.uploadFailed();
                // computeDelay takes the number of the attempt about to be made (1 = the first, which it never delays).
                long delay = backoff.computeDelay(Math.min(state.failedAttempts + 1, 30)).toMillis();
                state.retryAtMillis = now + delay;
                log.warn("upload of {} offsets {}..{} failed (attempt {}), partition paused, retrying in {} ms: {}",
                        state.partition, state.inFlight.startOffset(), state.inFlight.commitOffset() - 1,
                        state.failedAttempts, delay, failure.getMessage());
            }
        }
        if (!ready.isEmpty()) {
            commit(ready, mayDefer);
        }
    }

    private static Throwable failureOf(PartitionState state) {
        try {
            state.upload.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets, boolean mayDefer) {
        long start = System.nanoTime();
        try {
            commitSync(offsets);
        } catch (RebalanceInProgressException e) {
            if (!mayDefer) {
                giveUp(offsets, e);
                return;
            }
            // Cooperative rebalancing: the next poll completes it. Partitions we keep are committed then;
            // revoked ones are committed by the revocation callback, or replayed by their next owner.
            log.info("offset commit for {} waits for the rebalance in progress; retried after the next poll", offsets.keySet());
            for (TopicPartition partition : offsets.keySet()) {
                PartitionState state = states.get(partition);
                if (state != null && state.inFlight != null) {
                    state.awaitingCommit = true;
                }
            }
            return;
        } catch (CommitFailedException e) {
            giveUp(offsets, e);
            return;
        }
        metrics.committed(Duration.ofNanos(System.nanoTime() - start));
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            PartitionState state = states.get(e.getKey());
            if (state == null || state.inFlight == null) {
                continue;
            }
            if (state.failedAttempts > 0) {
                log.info("S3 is back: {} offsets {}..{} delivered after {} failed attempts", state.partition,
                        state.inFlight.startOffset(), e.getValue().offset() - 1, state.failedAttempts);
            }
            log.debug("committed {} at {}", e.getKey(), e.getValue().offset());
            deleteSpoolFiles(state.inFlight);
            state.inFlight = null;
            state.awaitingCommit = false;
            state.failedAttempts = 0;
        }
    }

    /**
     * The group moved on: these partitions may belong to someone else now. Their files are in S3 under
     * deterministic keys, so whoever replays them overwrites the same objects.
     */
    private void giveUp(Map<TopicPartition, OffsetAndMetadata> offsets, KafkaException e) {
        commitsGivenUp++;
        log.warn("offset commit for {} failed ({}); dropping their state, the owner replays from the last commit",
                offsets.keySet(), e.getClass().getSimpleName());
        for (TopicPartition partition : offsets.keySet()) {
            PartitionState state = states.get(partition);
            if (state != null) {
                rewind(state);
            }
        }
    }

    /** commitSync, retried while Kafka is unreachable; a wakeup during shutdown must not skip the commit. */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(30));
                return;
            } catch (WakeupException e) {
                // shutdown asked us to stop polling; committing is still what we want
            } catch (RetriableException e) {
                if (attempt >= 10) {
                    throw new CommitFailedException("commit failed " + attempt + " times: " + e.getMessage());
                }
                log.warn("offset commit failed (attempt {}), Kafka unreachable? retrying: {}", attempt, e.getMessage());
            }
        }
    }

    /** Closes generations that reached a limit, then the largest ones while over the memory budget. */
    private void closeDue(long now) {
        for (PartitionState state : states.values()) {
            if (state.current == null || state.hasInFlight()) {
                continue; // never two uncommitted generations per partition: see the class comment
            }
            CloseReason reason = state.current.check(limits, now);
            if (reason != CloseReason.NONE) {
                closeAndPublish(state, reason);
            }
        }
        enforceBudget();
    }

    /** Closes the partitions with the most buffered bytes until under budget, as far as the one-generation rule allows. */
    private void enforceBudget() {
        long buffered = bufferedBytes();
        while (buffered > bufferMaxBytes) {
            PartitionState largest = null;
            for (PartitionState state : states.values()) {
                if (state.current != null && !state.current.isEmpty() && !state.hasInFlight()
                        && (largest == null || state.bufferedBytes() > largest.bufferedBytes())) {
                    largest = state;
                }
            }
            if (largest == null) {
                break; // what remains waits for in-flight commits; updatePauses stops new input meanwhile
            }
            buffered -= largest.bufferedBytes();
            closeAndPublish(largest, CloseReason.BUDGET);
        }
    }

    private void closeAndPublish(PartitionState state, CloseReason reason) {
        Generation generation = state.current;
        state.current = null;
        if (generation.isEmpty()) {
            generation.discard();
            return;
        }
        ClosedGeneration closed = generation.close();
        state.inFlight = closed;
        state.failedAttempts = 0;
        log.debug("closing {} offsets {}..{} ({}): {} files, {} rows", state.partition, closed.startOffset(),
                closed.commitOffset() - 1, reason, closed.files().size(), closed.rows());
        submit(state);
    }

    private void retryFailedUploads(long now) {
        for (PartitionState state : states.values()) {
            if (state.inFlight != null && state.upload == null && !state.awaitingCommit && state.failedAttempts > 0
                    && now >= state.retryAtMillis) {
                metrics.uploadRetried();
                submit(state);
            }
        }
    }

    private void submit(PartitionState state) {
        // The zombie guard: only the current owner of a partition may write its keys.
        if (!consumer.assignment().contains(state.partition)) {
            log.warn("{} is no longer assigned to this consumer: dropping its uncommitted files", state.partition);
            drop(state);
            return;
        }
        state.upload = publisher.publish(state.inFlight);
    }

    /**
     * Pauses a partition while it cannot make progress (its upload is failing, or its next generation is
     * full while the previous one is not yet committed, or memory is over budget) and resumes it after.
     * Pausing, not blocking, keeps the poll loop running so the consumer stays in its group.
     */
    private void updatePauses(long now) {
        boolean overBudget = bufferedBytes() > bufferMaxBytes;
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        Set<TopicPartition> assigned = consumer.assignment();
        for (PartitionState state : states.values()) {
            if (!assigned.contains(state.partition)) {
                continue;
            }
            boolean blocked = state.hasInFlight() && (state.failedAttempts > 0 || overBudget
                    || state.current != null && state.current.check(limits, now) != CloseReason.NONE);
            if (blocked && !state.paused) {
                pause.add(state.partition);
                state.paused = true;
            } else if (!blocked && state.paused) {
                resume.add(state.partition);
                state.paused = false;
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
            log.debug("paused {}", pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
            log.debug("resumed {}", resume);
        }
    }

    /**
     * Closes and publishes every open generation of the given partitions and commits them, until done
     * or the deadline passes. Returns true when everything was committed.
     */
    private boolean drain(Collection<PartitionState> targets, long deadlineMillis, CloseReason reason) {
        List<PartitionState> pending = new ArrayList<>(targets);
        long givenUpBefore = commitsGivenUp;
        while (true) {
            long now = clock.millis();
            // No poll runs while draining, so a rebalance in progress cannot complete: no point deferring.
            completeUploads(now, false);
            for (PartitionState state : pending) {
                if (state.current != null && !state.hasInFlight()) {
                    closeAndPublish(state, reason);
                }
            }
            retryFailedUploads(now);
            pending.removeIf(s -> !s.hasInFlight() && (s.current == null || s.current.isEmpty()));
            if (pending.isEmpty()) {
                return commitsGivenUp == givenUpBefore;
            }
            if (now >= deadlineMillis) {
                for (PartitionState state : pending) {
                    log.warn("{}: not committed before the deadline; dropped, it will be replayed from its last commit",
                            state.partition);
                    drop(state);
                }
                return false;
            }
            waitForAnyUpload(pending, Math.min(200, deadlineMillis - now));
        }
    }

    private static void waitForAnyUpload(List<PartitionState> pending, long millis) {
        for (PartitionState state : pending) {
            if (state.uploadRunning()) {
                try {
                    state.upload.get(millis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                    // handled by completeUploads
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forgets a partition's uncommitted work and seeks back to its last commit, so it is consumed again. */
    private void rewind(PartitionState state) {
        // Where the dropped work began is known locally: seek there without asking Kafka, which may be
        // the very thing that is failing (a seek that silently did not happen would skip the records).
        long from = Long.MAX_VALUE;
        if (state.inFlight != null) {
            from = state.inFlight.startOffset();
        }
        if (state.current != null && !state.current.isEmpty()) {
            from = Math.min(from, state.current.startOffset());
        }
        drop(state);
        if (!consumer.assignment().contains(state.partition)) {
            return;
        }
        if (from != Long.MAX_VALUE) {
            consumer.seek(state.partition, from);
            return;
        }
        try {
            OffsetAndMetadata committed = consumer.committed(Set.of(state.partition)).get(state.partition);
            if (committed != null) {
                consumer.seek(state.partition, committed.offset());
            } else {
                consumer.seekToBeginning(List.of(state.partition));
            }
        } catch (KafkaException e) {
            log.warn("cannot seek {} back to its committed offset: {}", state.partition, e.getMessage());
        }
    }

    /** Discards open and closed-but-uncommitted files. An upload still running is left to finish or fail. */
    private void drop(PartitionState state) {
        if (state.current != null) {
            state.current.discard();
            state.current = null;
        }
        if (state.inFlight != null && !state.uploadRunning()) {
            deleteSpoolFiles(state.inFlight);
        }
        state.inFlight = null;
        state.upload = null;
        state.awaitingCommit = false;
        state.failedAttempts = 0;
    }

    private static void deleteSpoolFiles(ClosedGeneration generation) {
        for (SealedFile file : generation.files()) {
            try {
                Files.deleteIfExists(file.path());
            } catch (IOException e) {
                log.debug("cannot delete spool file {}: {}", file.path(), e.getMessage());
            }
        }
    }

    private void closeConsumer() {
        try {
            consumer.close(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.warn("closing the Kafka consumer: {}", e.getMessage());
        }
    }

    long bufferedBytes() {
        long sum = 0;
        for (PartitionState state : states.values()) {
            sum += state.bufferedBytes();
        }
        return sum;
    }

    private int openFiles() {
        int sum = 0;
        for (PartitionState state : states.values()) {
            sum += state.openFiles();
        }
        return sum;
    }

    private double oldestUncommittedSeconds() {
        long oldest = Long.MAX_VALUE;
        for (PartitionState state : states.values()) {
            oldest = Math.min(oldest, state.oldestUncommittedMillis());
        }
        return oldest == Long.MAX_VALUE ? 0 : (clock.millis() - oldest) / 1000.0;
    }

    private int uncommittedPartitions() {
        int n = 0;
        for (PartitionState state : states.values()) {
            if (state.hasInFlight() || state.current != null && !state.current.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private int pausedCount() {
        int n = 0;
        for (PartitionState state : states.values()) {
            if (state.paused) {
                n++;
            }
        }
        return n;
    }

    private long totalLag() {
        long total = 0;
        try {
            for (TopicPartition partition : consumer.assignment()) {
                OptionalLong lag = consumer.currentLag(partition);
                if (lag.isEmpty()) {
                    return -1;
                }
                metrics.lag(partition, lag.getAsLong());
                total += lag.getAsLong();
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return total;
    }

    /**
     * Cooperative-sticky rebalancing hands us exactly the partitions that move. On revocation we flush
     * and commit those partitions (bounded by the shutdown timeout), so the new owner starts where we
     * stopped and rewrites nothing; if that cannot finish in time (S3 down), we drop them and the new
     * owner replays from the last commit, which deterministic keys make safe.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                states.computeIfAbsent(partition, PartitionState::new);
            }
            if (!partitions.isEmpty()) {
                log.info("assigned {}", partitions);
                lastRecordAtMillis = clock.millis();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            List<PartitionState> revoked = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                PartitionState state = states.get(partition);
                if (state != null) {
                    revoked.add(state);
                }
            }
            long timeout = Math.min(shutdownTimeout.toMillis(), 60_000);
            boolean clean = drain(revoked, clock.millis() + timeout, CloseReason.REVOKED);
            log.info("revoked {} ({})", partitions, clean ? "flushed and committed" : "uncommitted work dropped");
            for (TopicPartition partition : partitions) {
                states.remove(partition);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            log.warn("lost {} without a clean revocation: dropping their uncommitted files, no commit", partitions);
            for (TopicPartition partition : partitions) {
                PartitionState state = states.remove(partition);
                if (state != null) {
                    drop(state);
                }
            }
        }
    }

    /** For tests: the partitions with state. */
    Set<TopicPartition> trackedPartitions() {
        return new HashSet<>(states.keySet());
    }
}
