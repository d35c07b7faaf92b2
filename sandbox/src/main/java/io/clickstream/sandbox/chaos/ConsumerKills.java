package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import io.clickstream.sandbox.chaos.GroupOffsets.OffsetsUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The schedule's consumer kills ({@code kill -9}), each aimed at a consumer that is doing something: one that
 * holds partitions or, for an aimed kill, one with an upload-commit pause that has just logged an upload,
 * killed inside that pause. An aimed kill asks Kafka right afterwards whether it landed before the commit.
 */
final class ConsumerKills {
    /** How long an aimed kill waits for a consumer to log an upload before it kills plainly. */
    private static final Duration AIMED_KILL_WAIT_MAX = Duration.ofSeconds(8);
    /** How long a plain kill waits for a consumer that holds partitions before it kills any. */
    private static final Duration PLAIN_KILL_WAIT_MAX = Duration.ofSeconds(3);

    private final ChaosProcesses processes;
    private final GroupOffsets offsets;
    private final StackFaults stack;
    private final RecoveryTracker tracker;
    private final FaultLog log;
    private int confirmedWindowKills;

    ConsumerKills(ChaosProcesses processes, GroupOffsets offsets, StackFaults stack, RecoveryTracker tracker,
            FaultLog log) {
        this.processes = processes;
        this.offsets = offsets;
        this.stack = stack;
        this.tracker = tracker;
        this.log = log;
    }

    /**
     * Performs a kill step, waiting for a target at most {@code maxWaitMillis} (what the schedule can spare), or
     * longer for the first aimed kill while none has hit the window yet. Returns how long it waited.
     */
    long perform(ChaosPlan.KillConsumer kill, long maxWaitMillis) {
        if (kill.afterUpload() && log.counts().get(FaultKind.KILL_AFTER_UPLOAD) == 0) {
            return kill(kill, 2 * AIMED_KILL_WAIT_MAX.toMillis());
        }
        long wait = (kill.afterUpload() ? AIMED_KILL_WAIT_MAX : PLAIN_KILL_WAIT_MAX).toMillis();
        return kill(kill, Math.max(0, Math.min(maxWaitMillis, wait)));
    }

    /** Kills inside the upload-commit window that Kafka confirmed (the file's offsets not yet committed). */
    int confirmedWindowKills() {
        return confirmedWindowKills;
    }

    /**
     * Waits for a worthwhile target up to {@code maxWaitMillis}, then kills whichever consumer is there. A paused
     * consumer (a zombie) is never the target: it is someone else's fault.
     */
    private long kill(ChaosPlan.KillConsumer kill, long maxWaitMillis) {
        long since = System.nanoTime();
        ConsumerPool pool = processes.consumers();
        List<Member> alive = pool.running();
        if (alive.isEmpty()) {
            processes.startConsumer(kill.replacement(), " (no consumer alive to kill)");
            return 0;
        }
        if (alive.size() == 1) {
            processes.startConsumer(kill.replacement(), " (so that one runs while " + alive.get(0).jvm.name() + " dies)");
        }
        long deadline = since + maxWaitMillis * 1_000_000;
        while (true) {
            pool.follow();
            List<Member> candidates = alive.stream().filter(m -> m.jvm.isAlive() && !m.isPaused()).toList();
            if (candidates.isEmpty()) {
                log.note("(no kill: the chosen consumers exited by themselves)");
                return waitedMillis(since);
            }
            List<Member> pausing = candidates.stream()
                    .filter(m -> m.mode instanceof ConsumerMode.PauseAfterUpload).toList();
            // Those holding partitions now: killing one that holds none leaves the group nothing to recover from.
            List<Member> joined = candidates.stream().filter(m -> !m.held().isEmpty()).toList();
            if (kill.afterUpload() && !pausing.isEmpty()) {
                Member uploaded = pausing.stream().filter(m -> m.uploadedSince(since)).findFirst().orElse(null);
                if (uploaded != null) {
                    killInsideUploadCommitWindow(uploaded);
                    return waitedMillis(since);
                }
            } else if (!joined.isEmpty()) {
                // Spare the consumers with an upload-commit pause where there is a choice: they are the targets
                // of the aimed kills, and a fresh one takes many seconds to get that far.
                List<Member> plain = joined.stream()
                        .filter(m -> !(m.mode instanceof ConsumerMode.PauseAfterUpload)).toList();
                killPlainly(pick(plain.isEmpty() ? joined : plain, kill.pick()), since, "");
                return waitedMillis(since);
            }
            if (System.nanoTime() - deadline >= 0) {
                List<Member> targets = !joined.isEmpty() ? joined : candidates;
                killPlainly(pick(targets, kill.pick()), since, kill.afterUpload() && !pausing.isEmpty()
                        ? String.format(Locale.ROOT, " (no upload to aim at within %.1f s)", maxWaitMillis / 1000.0) : "");
                return waitedMillis(since);
            }
            ProcessWatch.sleep(20);
        }
    }

    private void killPlainly(Member victim, long sinceNanos, String why) {
        boolean joined = victim.joined();
        killAndTrack(victim);
        long waited = waitedMillis(sinceNanos);
        log.fault(FaultKind.KILL, "kill -9 " + victim + " [" + victim.mode + "]"
                + (joined ? "" : " before it had joined the group") + why
                + (waited >= 1000 ? String.format(Locale.ROOT, " (waited %.1f s for a target)", waited / 1000.0) : ""));
    }

    /** Kills a consumer that has just logged an upload and sleeps before its commit; asks Kafka whether it was in time. */
    private void killInsideUploadCommitWindow(Member victim) {
        UploadLine upload = victim.lastUpload();
        long afterMillis = (System.nanoTime() - victim.lastUploadNanos()) / 1_000_000;
        killAndTrack(victim);
        String where = String.format(Locale.ROOT, "kill -9 %s %d ms after it uploaded partition %d offsets %d..%d",
                victim, afterMillis, upload.partition(), upload.firstOffset(), upload.lastOffset());
        if (!stack.brokerUp()) {
            log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (not confirmed: the broker is down)");
            return;
        }
        try {
            Long committed = offsets.committed().get(upload.partition());
            if (committed != null && committed > upload.lastOffset()) {
                log.fault(FaultKind.KILL, where + ", but after its commit (partition committed at " + committed + ")");
            } else {
                confirmedWindowKills++;
                log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (partition committed at "
                        + (committed == null ? "nothing yet" : committed) + ")");
            }
        } catch (OffsetsUnavailableException e) {
            log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (not confirmed: " + e.getMessage() + ")");
        }
    }

    /** kill -9, and from now on the clock runs until every partition it held is committed again. */
    private void killAndTrack(Member victim) {
        processes.consumers().follow(); // its latest rebalance lines: the partitions it holds
        var held = victim.held();
        long at = log.elapsedMillis();
        processes.consumers().kill(victim);
        tracker.outage(RecoveryTracker.Cause.KILL, victim.slot, at, held);
    }

    private static Member pick(List<Member> candidates, double pick) {
        return candidates.get(Math.min(candidates.size() - 1, (int) (pick * candidates.size())));
    }

    private static long waitedMillis(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }
}
