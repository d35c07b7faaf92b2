package io.clickstream.producer.publish;

import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.TrafficCounts;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.producer.traffic.TrafficTally;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Makes each record when it is asked for, on the publishing thread: event times are the moment of
 * sending, which is what a rate-limited run wants.
 */
public final class ShapedRecords implements RecordSource {
    private final TrafficShaper traffic;
    private final long maxRecords;
    private final TrafficTally tally = new TrafficTally();
    private long handedOut;

    /** @param maxRecords the run's record limit; 0 = none */
    public ShapedRecords(TrafficShaper traffic, long maxRecords) {
        if (maxRecords < 0) {
            throw new IllegalArgumentException("maxRecords cannot be negative: " + maxRecords);
        }
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.maxRecords = maxRecords;
    }

    @Override
    public OutgoingRecord next(BooleanSupplier cancelled) {
        long remaining = maxRecords == 0 ? Long.MAX_VALUE : maxRecords - handedOut;
        if (remaining <= 0) {
            throw new IllegalStateException("all " + maxRecords + " records were handed out");
        }
        handedOut++;
        return tally.count(traffic.next(remaining));
    }

    /** Never: a failure to make a record is thrown by {@link #next} itself, on the caller's thread. */
    @Override
    public Throwable unreportedFailure() {
        return null;
    }

    @Override
    public List<OutgoingRecord> drain() {
        List<OutgoingRecord> rest = traffic.drain();
        rest.forEach(tally::count);
        return rest;
    }

    @Override
    public TrafficCounts counts() {
        return tally.counts();
    }

    @Override
    public void close() {
    }
}
