package io.clickstream.producer.publish;

import io.clickstream.producer.traffic.OutgoingRecord;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Generates and sends, each record when its {@link Pacer} lets it go, until the event count or the duration is
 * reached, a stop is requested, or a fatal Kafka error makes sending pointless. Flushing is the caller's job.
 */
public final class PublishLoop {

    /** @param maxEvents 0 = no limit; @param maxDuration {@link Duration#ZERO} = no limit */
    public record Limits(long maxEvents, Duration maxDuration) {
        public static final Limits UNBOUNDED = new Limits(0, Duration.ZERO);

        public Limits {
            Objects.requireNonNull(maxDuration, "maxDuration");
            if (maxEvents < 0 || maxDuration.isNegative()) {
                throw new IllegalArgumentException("limits cannot be negative: " + maxEvents + ", " + maxDuration);
            }
        }
    }

    public enum End {
        /** The event count or the duration was reached. */
        LIMIT_REACHED,
        /** A stop was requested (Ctrl-C, SIGTERM, the sandbox). */
        STOPPED,
        /** The producer cannot send any more (see {@link DeliveryCounters#fatalError()}). */
        FATAL
    }

    private final RecordSource records;
    private final EventPublisher publisher;
    private final Pacer pacer;
    private final DeliveryCounters counters;
    private final Ticker ticker;

    /** @param records made for the same record limit as {@link #run} is given */
    public PublishLoop(RecordSource records, EventPublisher publisher, Pacer pacer, DeliveryCounters counters,
            Ticker ticker) {
        this.records = Objects.requireNonNull(records, "records");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    public End run(Limits limits, AtomicBoolean stop) {
        long start = ticker.nanoTime();
        boolean timed = !limits.maxDuration().isZero();
        long deadline = start + limits.maxDuration().toNanos();
        BooleanSupplier timeUp = () -> timed && ticker.nanoTime() - deadline >= 0;
        BooleanSupplier cancelled = () -> stop.get() || counters.fatalError() != null || timeUp.getAsBoolean();
        long sent = 0;
        End end;
        try {
            while (true) {
                long remaining = limits.maxEvents() == 0 ? Long.MAX_VALUE : limits.maxEvents() - sent;
                if (remaining <= 0) {
                    end = End.LIMIT_REACHED;
                    break;
                }
                OutgoingRecord record = pacer.acquire(cancelled) ? records.next(cancelled) : null;
                if (record == null) {
                    end = counters.fatalError() != null ? End.FATAL : stop.get() ? End.STOPPED : End.LIMIT_REACHED;
                    break;
                }
                publisher.send(record);
                sent++;
            }
        } catch (InterruptedException e) {
            // A stop request. The interrupt flag stays cleared: the caller must still flush, and
            // flush() would throw on an interrupted thread.
            stop.set(true);
            end = End.STOPPED;
        }
        if (end != End.FATAL) {
            // Events held back to arrive out of order (or as duplicates), or made ahead, were generated: send them too.
            records.drain().forEach(publisher::send);
            Throwable failure = records.unreportedFailure();
            if (failure != null) { // making records failed just as the run ended: the records before it went out
                throw new IllegalStateException("making records failed: " + failure, failure);
            }
        }
        return end;
    }
}
