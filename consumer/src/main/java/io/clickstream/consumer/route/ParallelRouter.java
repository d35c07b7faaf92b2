package io.clickstream.consumer.route;

import io.clickstream.consumer.route.RecordRouter.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Routes one poll's records on several threads: decoding and validating JSON is most of the
 * consumer's work, and {@link RecordRouter#route} is a pure function of each record, so records
 * can be routed in any order on any thread. The routes come back in the records' order, and
 * everything that has an order (appending rows, dead letters, commits) stays on the poll thread.
 *
 * <p>The calling thread works too: with {@code threads} = 2 it routes alongside one helper thread.
 * Records are handed out in chunks from a shared counter, so a slow chunk does not hold up a thread
 * that is done.
 */
public final class ParallelRouter implements AutoCloseable {
    /** Records per unit of work: large enough that handing it out costs nothing, small enough to balance. */
    static final int CHUNK = 256;

    private final RecordRouter router;
    private final int helpers;
    private final ExecutorService pool;

    /** @param threads threads that route, the caller's included; 1 = route on the calling thread only */
    public ParallelRouter(RecordRouter router, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.router = router;
        this.helpers = threads - 1;
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, task -> {
            Thread thread = new Thread(task, "route-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The route of each record, index for index. */
    public Route[] routeAll(List<ConsumerRecord<byte[], byte[]>> records) {
        Route[] routes = new Route[records.size()];
        int chunks = (records.size() + CHUNK - 1) / CHUNK;
        AtomicInteger nextChunk = new AtomicInteger();
        Runnable work = () -> {
            for (int chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
                int end = Math.min(records.size(), (chunk + 1) * CHUNK);
                for (int i = chunk * CHUNK; i < end; i++) {
                    ConsumerRecord<byte[], byte[]> record = records.get(i);
                    routes[i] = router.route(record.value(), record.timestamp());
                }
            }
        };
        int helping = Math.max(0, Math.min(helpers, chunks - 1));
        List<Future<?>> running = new ArrayList<>(helping);
        for (int h = 0; h < helping; h++) {
            running.add(pool.submit(work));
        }
        work.run();
        awaitAll(running);
        return routes;
    }

    private static void awaitAll(List<Future<?>> running) {
        boolean interrupted = false;
        try {
            for (Future<?> future : running) {
                while (true) {
                    try {
                        future.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the routes array must be complete before anyone reads it
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("routing a record failed", e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
