package io.clickstream.consumer.delivery;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A generation's upload on the upload pool, as the poll thread sees it: done or not, and how it ended. */
final class RunningUpload {
    private final CompletableFuture<Void> future;

    RunningUpload(CompletableFuture<Void> future) {
        this.future = future;
    }

    boolean isDone() {
        return future.isDone();
    }

    /** Waits up to {@code millis} for the upload to end; how it ended is for {@link #failure}. */
    void await(long millis) {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // seen by failure()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the finished upload failed, or null when it succeeded. */
    Throwable failure() {
        try {
            future.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }
}
