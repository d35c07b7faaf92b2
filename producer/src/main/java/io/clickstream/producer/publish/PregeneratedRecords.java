package io.clickstream.producer.publish;

import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.TrafficCounts;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.producer.traffic.TrafficTally;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Makes records on a thread of its own, a few batches ahead of the publishing thread, so simulating
 * and serializing overlap with {@code send()} (which compresses on the caller's thread).
 *
 * <p>The records and their order are exactly those of {@link ShapedRecords} for the same shaper: one thread
 * drives the shaper, with the same record limit. A record is made only once its {@link Pacer} lets it go (for
 * an unthrottled run: once its event time has come on the wall clock), at most {@code BATCH * (QUEUED_BATCHES +
 * 2)} records before it is sent; before waiting for the pacer, the batch made so far is handed over, so nothing
 * made waits with it. At most that many records are held in memory, and {@link #drain()} returns them, so a
 * stopped run still sends everything made.
 */
public final class PregeneratedRecords implements RecordSource {
    static final int BATCH = 256;
    static final int QUEUED_BATCHES = 4;
    /** After the last batch: the limit was reached, or making records failed ({@link #failure}). */
    private static final List<OutgoingRecord> END = Collections.unmodifiableList(new ArrayList<>());

    private final TrafficShaper traffic;
    private final Pacer pacer;
    private final long maxRecords;
    private final BlockingQueue<List<OutgoingRecord>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private final TrafficTally tally = new TrafficTally();
    private volatile boolean stopping;
    private final BooleanSupplier stopRequested = () -> stopping;
    private volatile Throwable failure;
    /** The making thread's batch not yet queued; read only after that thread ended. */
    private List<OutgoingRecord> unqueued;

    private List<OutgoingRecord> current = List.of();
    private int position;
    private boolean ended;
    private boolean stopped;

    private PregeneratedRecords(TrafficShaper traffic, Pacer pacer, long maxRecords) {
        if (maxRecords < 0) {
            throw new IllegalArgumentException("maxRecords cannot be negative: " + maxRecords);
        }
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.maxRecords = maxRecords;
        this.thread = new Thread(this::make, "clickstream-generator");
        thread.setDaemon(true);
    }

    /** {@link #start(TrafficShaper, Pacer, long)} without pacing: every record is made as soon as there is room. */
    public static PregeneratedRecords start(TrafficShaper traffic, long maxRecords) {
        return start(traffic, Pacer.UNPACED, maxRecords);
    }

    /**
     * Starts making records. The shaper (and its generator) and the pacer then belong to the new thread until
     * {@link #drain()} or {@link #close()} returns.
     *
     * @param maxRecords the run's record limit; 0 = none
     */
    public static PregeneratedRecords start(TrafficShaper traffic, Pacer pacer, long maxRecords) {
        var source = new PregeneratedRecords(traffic, pacer, maxRecords);
        source.thread.start();
        return source;
    }

    /** How long after its time the latest record was made (real nanoseconds); readable from any thread. */
    public long behindNanos() {
        return pacer.behindNanos();
    }

    /** Made records are waited for in steps this long, so that a cancelled run ends within one. */
    static final long WAIT_STEP_MILLIS = 100;

    @Override
    public OutgoingRecord next(BooleanSupplier cancelled) throws InterruptedException {
        while (position == current.size()) {
            if (ended || stopped) {
                throw new IllegalStateException("no more records: all " + maxRecords + " were handed out");
            }
            List<OutgoingRecord> batch = queue.poll(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS);
            if (batch == null) { // nothing made yet: the next event is not due, or the making thread is busy
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                continue;
            }
            if (batch == END) {
                ended = true;
                Throwable cause = failure;
                if (cause != null) {
                    throw new IllegalStateException("making records failed: " + cause, cause);
                }
                continue;
            }
            current = batch;
            position = 0;
        }
        return tally.count(current.get(position++));
    }

    @Override
    public List<OutgoingRecord> drain() {
        stop();
        // After a failure too: the records made before it were made, and go out before the failure is reported.
        var rest = new ArrayList<OutgoingRecord>(current.subList(position, current.size()));
        current = List.of();
        position = 0;
        var queued = new ArrayList<List<OutgoingRecord>>();
        queue.drainTo(queued);
        queued.stream().filter(batch -> batch != END).forEach(rest::addAll);
        if (unqueued != null) {
            rest.addAll(unqueued);
            unqueued = null;
        }
        rest.addAll(traffic.drain());
        rest.forEach(tally::count);
        return rest;
    }

    @Override
    public Throwable unreportedFailure() {
        return ended ? null : failure; // once next() reached the end marker, it threw the failure itself
    }

    @Override
    public TrafficCounts counts() {
        return tally.counts();
    }

    @Override
    public void close() {
        stop();
        queue.clear();
        current = List.of();
        unqueued = null;
    }

    /** On the making thread. */
    private void make() {
        long made = 0;
        List<OutgoingRecord> batch = new ArrayList<>(BATCH);
        try {
            while (!stopping && (maxRecords == 0 || made < maxRecords)) {
                if (!batch.isEmpty() && (batch.size() == BATCH || !pacer.ready())) {
                    queue.put(batch); // full, or the next record must wait for its time: what is made goes now
                    batch = new ArrayList<>(BATCH);
                }
                if (!pacer.acquire(stopRequested)) {
                    break;
                }
                batch.add(traffic.next(maxRecords == 0 ? Long.MAX_VALUE : maxRecords - made));
                made++;
            }
            if (stopping) {
                unqueued = batch; // stop(): the batch is handed over by drain()
                return;
            }
            if (!batch.isEmpty()) {
                queue.put(batch);
                batch = List.of(); // handed over: nothing is left for drain()
            }
            queue.put(END);
        } catch (InterruptedException e) {
            unqueued = batch; // stop(): the batch is handed over by drain()
        } catch (RuntimeException | Error e) {
            failure = e;
            try {
                if (!batch.isEmpty()) {
                    queue.put(batch); // the records made before the failure still go, as they would one by one
                }
                queue.put(END);
            } catch (InterruptedException stoppedMeanwhile) {
                unqueued = null;
            }
        }
    }

    /** Ends the making thread and waits for it, so its state may be read here. */
    private void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopping = true;
        thread.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the thread ends within one record: wait for it regardless
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
