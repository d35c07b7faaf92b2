package io.clickstream.consumer.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A few threads that share out a list of independent tasks with the calling thread, which works
 * too: with {@code threads} = 2 the caller and one helper take items from a shared counter until
 * none is left, so a slow item does not hold up a thread that is done. {@link #forEach} returns
 * once every item is done, and everything the items wrote is then visible to the caller.
 */
public final class Workers implements AutoCloseable {
    private final int helpers;
    private final ExecutorService pool;

    /** @param threads threads that work, the caller's included; 1 = everything on the calling thread */
    public Workers(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.helpers = threads - 1;
        AtomicInteger number = new AtomicInteger();
        this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code action} once for each item, items in parallel; an exception of any is rethrown here. */
    public <T> void forEach(List<T> items, Consumer<? super T> action) {
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                action.accept(items.get(i));
            }
        };
        int helping = Math.min(helpers, items.size() - 1);
        List<Future<?>> running = new ArrayList<>(Math.max(0, helping));
        for (int h = 0; h < helping; h++) {
            running.add(pool.submit(work));
        }
        RuntimeException failure = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            next.set(items.size()); // the helpers stop after their current item
            failure = e;
        }
        RuntimeException helperFailure = awaitAll(running);
        if (failure != null) {
            throw failure;
        }
        if (helperFailure != null) {
            throw helperFailure;
        }
    }

    /** Waits for every helper, even when interrupted: the caller must not see half-done items. */
    private static RuntimeException awaitAll(List<Future<?>> running) {
        boolean interrupted = false;
        RuntimeException failure = null;
        for (Future<?> future : running) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
