package io.clickstream.sandbox.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Measures, per outage (a consumer killed, or paused as a zombie), the time from the outage until every partition
 * that consumer held has been committed again, fed with the outages (from the run's thread) and with samples of
 * the group's committed offsets and the topic's end offsets (from {@link GroupWatch}'s thread). All times are
 * the run's clock in milliseconds.
 *
 * <p>A partition counts as committed again when a sample shows its committed offset above the baseline, or
 * nothing left to commit (committed at the end offset). The baseline is the first sample sent after the outage:
 * a sample from before it could miss the victim's own last commit and count that as the recovery. The recovery
 * time is taken when the showing sample was answered, so it errs long, by up to one sampling period.
 *
 * <p>It also keeps the windows in which S3 or the broker was down ({@link #stackFaultStarted}): an outage whose
 * recovery overlaps one measures the stack as much as the group, and the report gives both figures. Likewise a
 * recovery that overlaps a zombie pause measures the zombie (its partitions wait for its session timeout), and the
 * report gives the figures clear of those too.
 */
final class RecoveryTracker {

    enum Cause {
        /** kill -9, or a consumer that halted itself. */
        KILL,
        /** SIGSTOP past the session timeout: a zombie. */
        PAUSE
    }

    private static final class Outage {
        final Cause cause;
        final String slot;
        final long at;
        final Set<Integer> pending;
        final Set<Integer> held;
        final Map<Integer, Long> baseline = new HashMap<>();
        final boolean heldNothing;
        boolean baselined;
        boolean restartedInPlace;
        long recoveredAt = -1;
        /** A zombie's SIGCONT (PAUSE only); -1 before it. */
        long resumedAt = -1;

        Outage(Cause cause, String slot, long at, Set<Integer> partitions) {
            this.cause = cause;
            this.slot = slot;
            this.at = at;
            this.pending = new TreeSet<>(partitions);
            this.held = Set.copyOf(pending);
            this.heldNothing = partitions.isEmpty();
            if (heldNothing) {
                recoveredAt = at; // nothing waits for anyone
            }
        }
    }

    private final List<Outage> outages = new ArrayList<>();
    /** [start, end] of each S3 outage or broker restart; end is Long.MAX_VALUE while it lasts. */
    private final List<long[]> stackFaults = new ArrayList<>();
    /** [sent, answered, records in the topic] of each sample that showed every partition committed to its end. */
    private final List<long[]> fullyCommitted = new ArrayList<>();
    /** The committed offsets of the samples of the last {@link #HISTORY_MILLIS}, by the time each was answered. */
    private final java.util.TreeMap<Long, Map<Integer, Long>> committedHistory = new java.util.TreeMap<>();
    private static final long HISTORY_MILLIS = 120_000;

    /** Records an outage of the consumer in {@code slot}, holding {@code partitions}; returns its id. */
    synchronized int outage(Cause cause, String slot, long atMillis, Set<Integer> partitions) {
        outages.add(new Outage(cause, slot, atMillis, partitions));
        return outages.size() - 1;
    }

    /** A consumer was restarted in {@code slot}: the slot's latest kill counts as restarted in place. */
    synchronized void restartedInPlace(String slot) {
        for (int i = outages.size() - 1; i >= 0; i--) {
            Outage o = outages.get(i);
            if (o.cause == Cause.KILL && o.slot.equals(slot)) {
                o.restartedInPlace = true;
                return;
            }
        }
    }

    /**
     * A sample: the group's committed offsets read by a request sent at {@code sentMillis} and answered at
     * {@code answeredMillis}, and the topic's end offsets read after it. Partitions absent were never committed.
     */
    synchronized void sample(long sentMillis, long answeredMillis, Map<Integer, Long> committed, Map<Integer, Long> ends) {
        committedHistory.put(answeredMillis, Map.copyOf(committed));
        committedHistory.headMap(answeredMillis - HISTORY_MILLIS).clear();
        if (!ends.isEmpty() && ends.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
            fullyCommitted.add(new long[] {sentMillis, answeredMillis, ends.values().stream().mapToLong(Long::longValue).sum()});
        }
        for (Outage o : outages) {
            if (o.recoveredAt >= 0 || sentMillis < o.at) {
                continue;
            }
            if (!o.baselined) {
                o.pending.forEach(p -> o.baseline.put(p, committed.getOrDefault(p, -1L)));
                o.baselined = true;
            }
            o.pending.removeIf(p -> {
                long now = committed.getOrDefault(p, -1L);
                Long end = ends.get(p);
                return now > o.baseline.get(p) || (end != null && Math.max(0, now) >= end);
            });
            if (o.pending.isEmpty()) {
                o.recoveredAt = answeredMillis;
            }
        }
    }

    /** The partitions of the outages not recovered yet: whoever holds one now is still recovering it. */
    synchronized Set<Integer> unrecoveredPartitions() {
        Set<Integer> partitions = new TreeSet<>();
        outages.stream().filter(o -> o.recoveredAt < 0).forEach(o -> partitions.addAll(o.pending));
        return partitions;
    }

    /**
     * The partition's committed offset in the latest sample answered at or before {@code atMillis}: a commit made
     * after that moment cannot be in it. Null if it had none, or no sample of the last two minutes was answered by
     * then.
     */
    synchronized Long committedAnsweredBy(int partition, long atMillis) {
        var sample = committedHistory.floorEntry(atMillis);
        return sample == null ? null : sample.getValue().get(partition);
    }

    /**
     * When a sample sent at or after {@code afterMillis} first showed every partition committed to its end, with
     * at least {@code records} records in the topic (the producer done): the end of the drain after the last
     * fault, seen as it happened rather than when the run got round to asking. Empty if no sample showed it.
     */
    synchronized OptionalLong fullyCommittedAfter(long afterMillis, long records) {
        return fullyCommitted.stream().filter(s -> s[0] >= afterMillis && s[2] >= records).mapToLong(s -> s[1]).findFirst();
    }

    /** Zombie {@code id} was thawed (SIGCONT): it rejoins, a fault for the recoveries in progress then. */
    synchronized void resumed(int id, long atMillis) {
        outages.get(id).resumedAt = atMillis;
    }

    /** S3 or the broker went down. */
    synchronized void stackFaultStarted(long atMillis) {
        stackFaults.add(new long[] {atMillis, Long.MAX_VALUE});
    }

    /** S3 or the broker is back: every window still open ends now. */
    synchronized void stackFaultEnded(long atMillis) {
        for (long[] window : stackFaults) {
            if (window[1] == Long.MAX_VALUE) {
                window[1] = atMillis;
            }
        }
    }

    /** Every partition of outage {@code id} has been committed again (or it held none). */
    synchronized boolean recovered(int id) {
        return outages.get(id).recoveredAt >= 0;
    }

    /** How long outage {@code id} took to recover; empty while it has not. */
    synchronized OptionalLong recoveryMillis(int id) {
        Outage o = outages.get(id);
        return o.recoveredAt < 0 ? OptionalLong.empty() : OptionalLong.of(o.recoveredAt - o.at);
    }

    /**
     * One line per outage, tab-separated, with a header: when (the run's clock), cause, slot, restarted in place,
     * the partitions it held, its recovery in milliseconds (empty if it did not recover), whether that overlapped
     * the S3 outage or the broker restart, whether it overlapped a zombie pause (other than itself:
     * {@link #overlapsZombiePause}), and how many other outages (those of consumers holding nothing included) it
     * overlapped.
     */
    synchronized List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add("at\tcause\tslot\trestarted_in_place\tpartitions\trecovery_ms\toverlaps_s3_or_broker_fault"
                + "\toverlaps_zombie_pause\toverlapping_outages");
        for (Outage o : outages) {
            lines.add(FaultLog.clock(o.at) + "\t" + o.cause + "\t" + o.slot + "\t" + o.restartedInPlace + "\t"
                    + new TreeSet<>(o.held) + "\t"
                    + (o.recoveredAt < 0 ? "" : Long.toString(o.recoveredAt - o.at)) + "\t" + overlapsStackFault(o)
                    + "\t" + overlapsZombiePause(o)
                    + "\t" + outages.stream().filter(other -> other != o && overlap(o, other)).count());
        }
        return lines;
    }

    synchronized RecoveryReport report() {
        int heldNothing = (int) outages.stream().filter(o -> o.heldNothing).count();
        List<Outage> counted = outages.stream().filter(o -> !o.heldNothing).toList();
        List<Outage> clear = counted.stream().filter(o -> !overlapsStackFault(o)).toList();
        return new RecoveryReport(figures(counted), figures(clear),
                figures(clear.stream().filter(o -> !overlapsZombiePause(o)).toList()),
                // Against every other outage, those of consumers that held nothing included: a member killed mid-join
                // holds the group's next rebalance until its session timeout, however little it held.
                figures(clear.stream().filter(o -> outages.stream()
                        .noneMatch(other -> other != o && overlap(o, other))).toList()),
                heldNothing);
    }

    /** Whether the two outages' windows (from the fault until it stops disturbing the group) share a moment. */
    private static boolean overlap(Outage a, Outage b) {
        return a.at <= disturbedUntil(b) && b.at <= disturbedUntil(a);
    }

    /**
     * Until when an outage disturbs the group: its recovery (or the run's end), and for a zombie its SIGCONT too if
     * that comes later, since the thawed consumer then rejoins and every member rebalances with it.
     */
    private static long disturbedUntil(Outage o) {
        long recovered = o.recoveredAt < 0 ? Long.MAX_VALUE : o.recoveredAt;
        if (o.cause == Cause.PAUSE) {
            return o.resumedAt < 0 ? Long.MAX_VALUE : Math.max(recovered, o.resumedAt);
        }
        return recovered;
    }

    private boolean overlapsStackFault(Outage o) {
        long end = recoveredBy(o);
        return stackFaults.stream().anyMatch(w -> o.at <= w[1] && w[0] <= end);
    }

    /**
     * Whether the outage's window (from the fault until its recovery, or the run's end) shares a moment with that of
     * another outage that was a zombie pause: from its SIGSTOP until the others had committed its partitions (or the
     * run's end). A frozen member's partitions cannot move before its session timeout, and under the classic
     * protocol its expiry triggers a group-wide rebalance: a kill that overlaps a pause measures the zombie, not the
     * restart. The rejoin at the zombie's SIGCONT is not counted here: {@link #overlap} covers it, for the figures
     * alone.
     */
    private boolean overlapsZombiePause(Outage o) {
        return outages.stream().anyMatch(pause -> pause != o && pause.cause == Cause.PAUSE
                && o.at <= recoveredBy(pause) && pause.at <= recoveredBy(o));
    }

    /** When the outage's partitions had all been committed again; the run's end (never) if they were not. */
    private static long recoveredBy(Outage o) {
        return o.recoveredAt < 0 ? Long.MAX_VALUE : o.recoveredAt;
    }

    private static RecoveryReport.Figures figures(List<Outage> outages) {
        return new RecoveryReport.Figures(
                stats(outages.stream().filter(o -> o.cause == Cause.KILL && o.restartedInPlace).toList()),
                stats(outages.stream().filter(o -> o.cause == Cause.KILL && !o.restartedInPlace).toList()),
                stats(outages.stream().filter(o -> o.cause == Cause.PAUSE).toList()));
    }

    private static RecoveryStats stats(List<Outage> outages) {
        List<Long> recovered = outages.stream().filter(o -> o.recoveredAt >= 0).map(o -> o.recoveredAt - o.at).toList();
        return RecoveryStats.of(recovered, outages.size() - recovered.size());
    }
}
