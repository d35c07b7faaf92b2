package io.clickstream.producer.traffic;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventJsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Turns the model's events into the records actually sent, making the configured share of them
 * imperfect: invalid bytes, late event times, events held back to arrive out of order, and second
 * copies of events.
 *
 * <p>One uniform draw per event decides invalid / late / out-of-order / as is, so those ratios are
 * exact shares of the events; a separate draw decides whether an event is also duplicated. Its own
 * random stream (derived from the seed) means turning imperfections on does not change the
 * underlying events. Single-threaded.
 */
public final class TrafficShaper {
    /** An out-of-order event is held back for up to this many newer events. */
    static final int MAX_HOLD_BACK = 32;
    /** A duplicate follows its original within this many events. */
    static final int MAX_DUPLICATE_DELAY = 16;
    /** Past this many, held records go regardless (only reached when nearly every event is held back). */
    static final int MAX_HELD = 4 * (MAX_HOLD_BACK + MAX_DUPLICATE_DELAY);
    static final Duration MIN_LATENESS = Duration.ofMinutes(1);
    static final Duration MAX_LATENESS = Duration.ofHours(6);

    private final Supplier<ClickEvent> events;
    private final Imperfections imperfections;
    private final SplittableRandom random;
    private final InvalidKind[] invalidKinds = InvalidKind.values();
    private final EventJsonWriter json = new EventJsonWriter();
    private final PriorityQueue<Held> held =
            new PriorityQueue<>(Comparator.comparingLong(Held::due).thenComparingLong(Held::order));
    private long generated;
    private long holdOrder;
    /** The newest valid event (by generation number) sent so far. */
    private long newestSent = -1;

    private final TrafficTally tally = new TrafficTally();

    /** @param generation the number of the event the record was made from */
    private record Held(long due, long order, long generation, OutgoingRecord record) {
        /** An out-of-order event goes only once a newer event went before it: that is what makes it out of order. */
        boolean releasable(long newestSent) {
            return record.kind() != RecordKind.OUT_OF_ORDER || newestSent > generation;
        }
    }

    public TrafficShaper(Supplier<ClickEvent> events, Imperfections imperfections, long seed) {
        this.events = Objects.requireNonNull(events, "events");
        this.imperfections = Objects.requireNonNull(imperfections, "imperfections");
        this.random = new SplittableRandom(seed ^ 0x5DEE_CE66_DL);
    }

    /**
     * The next record to send.
     *
     * @param remaining how many more records the caller will ask for (Long.MAX_VALUE when unbounded); held-back
     *     records are released early when they would otherwise not fit, and no copy is made that would not fit, so
     *     a run of N records sends all of them and leaves nothing for {@link #drain}
     */
    public OutgoingRecord next(long remaining) {
        while (true) {
            Held first = held.peek();
            if (first != null && (held.size() >= remaining || held.size() > MAX_HELD
                    || first.due() <= generated && first.releasable(newestSent))) {
                return release(held.poll());
            }
            OutgoingRecord record = shape(events.get(), remaining);
            if (record != null) {
                if (record.kind() != RecordKind.INVALID) {
                    newestSent = generated; // an invalid record is no event for the consumer to be out of order against
                }
                return count(record);
            }
        }
    }

    /** Records still held back, in release order; call when stopping, so nothing generated is left unsent. */
    public List<OutgoingRecord> drain() {
        var rest = new ArrayList<OutgoingRecord>(held.size());
        while (!held.isEmpty()) {
            rest.add(release(held.poll()));
        }
        return rest;
    }

    /** Records handed out by {@link #next} and {@link #drain} so far, by kind. */
    public TrafficCounts counts() {
        return tally.counts();
    }

    /**
     * The record for this event now, or {@code null} when it was held back.
     *
     * @param remaining as in {@link #next}: a second copy is only made if it still fits in the run
     */
    private OutgoingRecord shape(ClickEvent event, long remaining) {
        generated++;
        // this event's record plus its copy must fit next to what is held already
        boolean roomForCopy = held.size() + 2 <= remaining;
        byte[] key = event.sessionId().getBytes(StandardCharsets.UTF_8);
        double u = random.nextDouble();
        double invalidUpTo = imperfections.invalidRatio();
        double lateUpTo = invalidUpTo + imperfections.lateRatio();
        double outOfOrderUpTo = lateUpTo + imperfections.outOfOrderRatio();
        if (u < invalidUpTo) {
            InvalidKind kind = invalidKinds[random.nextInt(invalidKinds.length)];
            return new OutgoingRecord(key, InvalidRecords.create(kind, event, random), RecordKind.INVALID, kind);
        }
        OutgoingRecord record;
        if (u < lateUpTo) {
            record = new OutgoingRecord(key, json.toJson(event.withTimestamp(
                    event.timestamp().minusMillis(lateness()))), RecordKind.LATE, null);
        } else {
            record = new OutgoingRecord(key, json.toJson(event),
                    u < outOfOrderUpTo ? RecordKind.OUT_OF_ORDER : RecordKind.VALID, null);
        }
        int holdBack = record.kind() == RecordKind.OUT_OF_ORDER ? 1 + random.nextInt(MAX_HOLD_BACK) : 0;
        if (holdBack > 0) {
            hold(record, holdBack);
        }
        if (random.nextDouble() < imperfections.duplicateRatio() && roomForCopy) { // draw regardless: same stream
            // after the original, wherever that goes
            hold(record.as(RecordKind.DUPLICATE), holdBack + random.nextInt(MAX_DUPLICATE_DELAY + 1));
        }
        return holdBack > 0 ? null : record;
    }

    private void hold(OutgoingRecord record, int events) {
        held.add(new Held(generated + events, holdOrder++, generated, record));
    }

    private OutgoingRecord release(Held h) {
        newestSent = Math.max(newestSent, h.generation());
        return count(h.record());
    }

    /** Log-uniform between a minute and six hours: as many "a few minutes" as "a few hours" late. */
    private long lateness() {
        double low = Math.log(MIN_LATENESS.toMillis());
        double high = Math.log(MAX_LATENESS.toMillis());
        return Math.round(Math.exp(low + random.nextDouble() * (high - low)));
    }

    private OutgoingRecord count(OutgoingRecord record) {
        return tally.count(record);
    }
}
