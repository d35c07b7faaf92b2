package io.clickstream.consumer.delivery;

import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.SealedFile;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.s3.S3Uploader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
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

    public GenerationPublisher(S3Uploader uploader, ExecutorService executor, ConsumerMetrics metrics, FaultHooks hooks) {
        this.uploader = uploader;
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

    private static void awaitDeadLetters(ClosedGeneration generation) {
        for (Future<RecordMetadata> send : generation.deadLetters()) {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new DeadLetterException("dead-letter send for " + generation.partition() + " failed: "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeadLetterException("interrupted while waiting for dead-letter acks of " + generation.partition(), e);
            }
        }
    }

    /** A dead-letter send that Kafka did not acknowledge: the records must be consumed again. */
    public static final class DeadLetterException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
