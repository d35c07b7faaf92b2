package io.clickstream.consumer.delivery;

import io.clickstream.consumer.dlq.DeadLetter;
import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.SealedFile;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.s3.S3Uploader;
import io.clickstream.consumer.s3.S3Uploader.ExistingObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads a closed generation's files and waits for its dead-letter acknowledgements, off the poll
 * thread. The future completes normally only when the generation may be committed.
 */
public final class GenerationPublisher {
    private static final Logger log = LoggerFactory.getLogger(GenerationPublisher.class);

    private final S3Uploader uploader;
    private final ExecutorService executor;
    private final ConsumerMetrics metrics;
    private final FaultHooks hooks;
    private final DeadLetterFailure onRefused;

    public GenerationPublisher(S3Uploader uploader, ExecutorService executor, ConsumerMetrics metrics, FaultHooks hooks,
            DeadLetterFailure onRefused) {
        this.uploader = uploader;
        this.onRefused = onRefused;
        this.executor = executor;
        this.metrics = metrics;
        this.hooks = hooks;
    }

    /**
     * Uploads the generation's files (each key only if it is free, or over exactly the object named in
     * {@code replace}, key to ETag) and waits for its dead letters. The future fails with
     * {@link KeysTakenException} when keys were taken by another writer's attempt.
     */
    public CompletableFuture<Void> publish(ClosedGeneration generation, Map<String, String> replace) {
        Map<String, String> replacing = Map.copyOf(replace);
        return CompletableFuture.runAsync(() -> publishNow(generation, replacing), executor);
    }

    /**
     * Runs on an upload thread. Throws {@link S3Uploader.UploadException}, {@link DeadLetterException} or
     * {@link KeysTakenException}.
     */
    void publishNow(ClosedGeneration generation, Map<String, String> replace) {
        List<ExistingObject> taken = new ArrayList<>();
        int done = 0;
        for (SealedFile file : generation.files()) {
            hooks.betweenFiles(generation, done);
            long start = System.nanoTime();
            S3Uploader.Outcome outcome = uploader.upload(file, generation, replace.get(file.key()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (outcome instanceof S3Uploader.Outcome.Taken found && !found.existing().sameGeneration(generation)) {
                log.info("s3://{}/{} holds another writer's object (generation offsets {}..{}); not overwritten",
                        uploader.bucket(), file.key(), found.existing().generationStart(), found.existing().generationEnd() - 1);
                taken.add(found.existing());
            } else if (outcome instanceof S3Uploader.Outcome.Taken) {
                log.info("s3://{}/{} is already there from an earlier attempt of the same generation (offsets {}..{})",
                        uploader.bucket(), file.key(), generation.startOffset(), generation.commitOffset() - 1);
            } else {
                metrics.uploaded(file.rows(), file.bytes(), took);
                log.info("uploaded s3://{}/{} partition={} offsets={}..{} rows={} bytes={} ms={}", uploader.bucket(),
                        file.key(), file.start().partition().partition(), file.firstOffset(), file.lastOffset(), file.rows(),
                        file.bytes(), took.toMillis());
            }
            done++;
        }
        awaitDeadLetters(generation);
        if (!taken.isEmpty()) {
            throw new KeysTakenException(taken);
        }
        hooks.afterUpload(generation);
    }

    /**
     * Keys of the generation already hold another writer's object: an earlier, uncommitted attempt with other
     * batch boundaries (a crash, or a consumer that stalled past its session timeout), or, if this consumer is
     * the one that stalled, its successor's. Who is who is decided on the poll thread, by an offset commit.
     */
    public static final class KeysTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<ExistingObject> taken;

        KeysTakenException(List<ExistingObject> taken) {
            super(taken.size() + " key(s) taken by another writer, e.g. " + taken.get(0).key(), null, false, false);
            this.taken = List.copyOf(taken);
        }

        public List<ExistingObject> taken() {
            return taken;
        }
    }

    /**
     * Waits for every dead letter's acknowledgement. A passing failure (broker unreachable, timed out)
     * fails the attempt: it is retried after a backoff, sending those letters again. A letter the topic
     * refuses for good follows {@code DLQ_FAILURE}: skipped (logged with its coordinates) or fatal.
     */
    private void awaitDeadLetters(ClosedGeneration generation) {
        for (DeadLetter letter : generation.deadLetters()) {
            DeadLetter.Outcome outcome;
            try {
                outcome = letter.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeadLetterException("interrupted while waiting for the dead letter of " + letter.coordinates(),
                        e, false);
            }
            if (outcome instanceof DeadLetter.Outcome.Transient failed) {
                throw new DeadLetterException("the dead letter of " + letter.coordinates() + " was not acknowledged: "
                        + describe(failed.cause()), failed.cause(), false);
            }
            if (outcome instanceof DeadLetter.Outcome.Refused refused) {
                if (onRefused == DeadLetterFailure.SKIP) {
                    log.warn("the dead-letter topic refused the dead letter of {} ({}); skipped (DLQ_FAILURE=skip)",
                            letter.coordinates(), describe(refused.cause()));
                    letter.settle();
                } else {
                    throw new DeadLetterException("the dead-letter topic refused the dead letter of " + letter.coordinates()
                            + " (" + describe(refused.cause()) + ") and DLQ_FAILURE=fail: nothing is committed from offset "
                            + letter.offset() + " on", refused.cause(), true);
                }
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /** A dead letter that was not acknowledged; {@code refused}: it never will be (and DLQ_FAILURE=fail). */
    public static final class DeadLetterException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean refused;

        DeadLetterException(String message, Throwable cause, boolean refused) {
            super(message, cause);
            this.refused = refused;
        }

        public boolean refused() {
            return refused;
        }
    }
}
