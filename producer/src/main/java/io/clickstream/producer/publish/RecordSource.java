package io.clickstream.producer.publish;

import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.TrafficCounts;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The records to publish, in order, for a run of at most a given number of records. The publishing
 * thread calls every method; {@link #counts()} covers exactly the records handed out by {@link #next()}
 * and {@link #drain()}, so the summary describes what was sent.
 */
public interface RecordSource extends AutoCloseable {

    /**
     * The next record, or {@code null} when {@code cancelled} turned true while waiting for it (a stop request,
     * the run's duration, a fatal error): a run whose next event is not due yet must still end on those. Never
     * called more often than the run's record limit.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for a record
     * @throws IllegalStateException when making records failed (the cause says why)
     */
    OutgoingRecord next(BooleanSupplier cancelled) throws InterruptedException;

    /**
     * Ends the run: stops making records and returns, in order, the ones made but not handed out yet
     * (held back to arrive out of order or as duplicates, or made ahead), so nothing made is left unsent.
     * Empty after a run that reached its record limit. Call at most once, then only {@link #close()}.
     */
    List<OutgoingRecord> drain();

    /**
     * Why making records failed, when it did and {@link #next} has not thrown it yet: after {@link #drain()} returned
     * the records made before the failure, so that they are sent first and the failure reported after them; {@code
     * null} otherwise.
     */
    Throwable unreportedFailure();

    /** Records handed out so far, by kind. */
    TrafficCounts counts();

    /** Stops making records and lets go of any thread; what was not handed out is dropped. Idempotent. */
    @Override
    void close();
}
