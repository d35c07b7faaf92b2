package io.clickstream.consumer.delivery;

import io.clickstream.consumer.dlq.DeadLetter;
import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.SealedFile;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.s3.S3Uploader;
import java.time.Duration;
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

    public CompletableFuture<Void> publish(ClosedGeneration generation) {
        return CompletableFuture.runAsync(() -> publishNow(generation), executor);
    }

    /** Runs on an upload thread. Throws {@link S3Uploader.UploadException} or {@link DeadLetterException}. */
    void publishNow(ClosedGeneration generation) {
        int done = 0;
        for (SealedFile file : generation.files()) {
            hooks.betweenFiles(generation, done);
            long start = System.nanoTime();
            uploader.upload(file);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            metrics.uploaded(file.rows(), file.bytes(), took);
            log.info("uploaded s3://{}/{} partition={} offsets={}..{} rows={} bytes={} ms={}", uploader.bucket(),
                    file.key(), file.start().partition().partition(), file.firstOffset(), file.lastOffset(), file.rows(), file.bytes(),
                    took.toMillis());
            done++;
        }
        awaitDeadLetters(generation);
        hooks.afterUpload(generation);
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
