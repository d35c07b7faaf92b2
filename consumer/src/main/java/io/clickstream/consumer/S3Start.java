package io.clickstream.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 half of the start, on a thread of its own while the Kafka half runs: building the client (which loads
 * most of the AWS SDK, its HTTP client and the TLS classes) and waiting for the bucket. On a cold JVM each half
 * takes about two seconds, mostly loading classes (measured on two cores: Kafka 2.0 to 2.4 s, S3 2.1 to 2.7 s);
 * where a core is free they overlap instead of adding up.
 *
 * <p>Failures are the same as before, reported where {@link #await()} is called: a missing bucket or refused
 * credentials end the start with exit 2, an S3 that never answers within {@code STARTUP_TIMEOUT} with exit 1. A
 * configuration error (or any failure but a timeout) does not wait for Kafka: the Kafka half's wait asks
 * {@link #throwIfFailed()} at each attempt ({@link StartupWait#abortOn}).
 */
final class S3Start implements AutoCloseable {
    private final CompletableFuture<S3Client> client;
    /** The start ended (see {@link #close()}): the bucket wait stops at its next attempt. */
    private volatile boolean closed;

    /**
     * @param create builds the client ({@code S3ClientFactory::create} in the app)
     * @param awaitBucket waits until the bucket answers, or throws as {@link StartupWait#awaitBucket} does, for as
     *     long as the supplier it is given says the start still wants the client
     */
    S3Start(Supplier<S3Client> create, BiConsumer<S3Client, BooleanSupplier> awaitBucket) {
        client = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            S3Client s3 = null;
            try {
                s3 = create.get();
                awaitBucket.accept(s3, () -> !closed);
                client.complete(s3);
            } catch (RuntimeException | Error e) {
                if (s3 != null) {
                    s3.close();
                }
                client.completeExceptionally(e);
            }
        }, "s3-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Throws what the S3 half ended with, if it has and waiting on for Kafka cannot change that: a configuration
     * error (exit 2), and any other failure too (a client that cannot be built, an Error), which ended the start
     * at once when the client was built before Kafka was asked. Not an S3 that did not answer within
     * {@code STARTUP_TIMEOUT}: Kafka's wait ends by the same deadline and names Kafka if it did not answer either.
     */
    void throwIfFailed() {
        if (client.isCompletedExceptionally() && !(failure() instanceof StartupWait.UnreachableException)) {
            await();
        }
    }

    private Throwable failure() {
        try {
            client.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /** Waits for the S3 half; rethrows its failure as it was thrown there. */
    S3Client await() {
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Closes the client if it was built; a start that ends before {@link #await()} leaves nothing open: the bucket
     * wait stops at its next attempt (else it would go on until {@code STARTUP_TIMEOUT}, forever with 0, in a JVM
     * that goes on after a failed start, such as a test's), and the client is closed once it has.
     */
    @Override
    public void close() {
        closed = true;
        client.thenAccept(S3Client::close);
    }
}
