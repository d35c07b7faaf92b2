package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import io.clickstream.sandbox.chaos.GroupOffsets.OffsetsUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The schedule's consumer kills ({@code kill -9}), each aimed at a consumer that is doing something: one that
 * holds partitions or, for an aimed kill, one with an upload-commit pause that has just logged an upload,
 * killed inside that pause. An aimed kill asks Kafka right afterwards whether it landed before the commit.
 *
 * <p>An aimed kill that cannot aim kills plainly and passes its aim on: while the broker or S3 is down nothing
 * uploads, so it does not wait then, and when no upload came in time it stops waiting. An aim passed on is taken
 * by the next kill of the schedule, or earlier, between steps, by {@link #takeOwedAim()} as soon as a consumer
 * with an upload-commit pause logs an upload; so a run lands a kill inside the window whenever such a consumer
 * uploads at all while the faults go on, however the timing of a loaded machine shifts the schedule.
 */
final class ConsumerKills {
    /** How long an aimed kill waits for a consumer to log an upload before it kills plainly. */
    private static final Duration AIMED_KILL_WAIT_MAX = Duration.ofSeconds(8);
    /**
     * How long a plain kill waits for a consumer that holds partitions before it gives up (one that holds some is
     * killed at once): a consumer restarted in place holds its partitions again about 3 s after its start.
     */
    private static final Duration PLAIN_KILL_WAIT_MAX = Duration.ofSeconds(6);
    /** How recent an upload must be for {@link #takeOwedAim()}: well inside the consumers' upload-commit pause. */
    private static final Duration OWED_AIM_UPLOAD_AGE_MAX = Duration.ofMillis(300);

    private final ChaosProcesses processes;
    private final GroupOffsets offsets;
    private final StackFaults stack;
    private final RecoveryTracker tracker;
    private final RestartQueue restarts;
    private final FaultLog log;
    private int confirmedWindowKills;
    /** An aimed kill had to kill plainly, and no kill has landed inside the window since. */
    private boolean aimOwed;

    ConsumerKills(ChaosProcesses processes, GroupOffsets offsets, StackFaults stack, RecoveryTracker tracker,
            RestartQueue restarts, FaultLog log) {
        this.processes = processes;
        this.offsets = offsets;
        this.stack = stack;
        this.tracker = tracker;
        this.restarts = restarts;
        this.log = log;
    }

    /**
     * Performs a kill step, waiting for a target at most {@code maxWaitMillis} (what the schedule can spare), or
     * longer for the first aimed kill while none has hit the window yet. A plain kill step takes an aim that an
     * earlier one passed on. Returns how long it waited.
     */
    long perform(ChaosPlan.KillConsumer kill, long maxWaitMillis) {
        boolean aimed = kill.afterUpload() || aimOwed;
        if (aimed && !stack.uploadsPossible()) {
            aimOwed = true;
            return kill(false, kill, Math.max(0, Math.min(maxWaitMillis, PLAIN_KILL_WAIT_MAX.toMillis())),
                    " (aim passed on: nothing uploads while the broker or S3 is down)");
        }
        long wait = aimed && !windowKillLanded() ? 2 * AIMED_KILL_WAIT_MAX.toMillis()
                : Math.max(0, Math.min(maxWaitMillis, (aimed ? AIMED_KILL_WAIT_MAX : PLAIN_KILL_WAIT_MAX).toMillis()));
        return kill(aimed, kill, wait, "");
    }

    /**
     * Between the schedule's steps: if an aim is owed and a consumer with an upload-commit pause has just announced
     * its pause after an upload, kills it inside that window now. Returns whether it killed.
     */
    boolean takeOwedAim() {
        if (!aimOwed || !stack.uploadsPossible()) {
            return false;
        }
        long recent = System.nanoTime() - OWED_AIM_UPLOAD_AGE_MAX.toNanos();
        Member uploaded = processes.consumers().running().stream()
                .filter(m -> m.jvm.isAlive() && !m.isPaused() && m.mode instanceof ConsumerMode.PauseAfterUpload)
                .filter(m -> m.pausingSince(recent)).findFirst().orElse(null);
        if (uploaded == null) {
            return false;
        }
        // Not a step of the schedule: its container restarts in place, as the same kind of consumer.
        killInsideUploadCommitWindow(uploaded, " (the aim an earlier kill passed on)", uploaded.mode,
                ChaosPlan.RESTART_DELAY_MIN);
        return true;
    }

    /** Whether the run still owes an aimed kill: one had to kill plainly and none has landed in the window since. */
    boolean aimOwed() {
        return aimOwed;
    }

    /** Kills inside the upload-commit window that Kafka confirmed (the file's offsets not yet committed). */
    int confirmedWindowKills() {
        return confirmedWindowKills;
    }

    /**
     * Waits for a worthwhile target up to {@code maxWaitMillis}: a consumer that holds partitions, or for an aimed
     * kill one that has just uploaded; then kills it. An aimed kill that found no upload to aim at passes its aim on.
     * With none holding partitions by then (all still joining) it kills one mid-join: a fault a deployment sees too,
     * whose dead membership holds the others' next rebalance until its session timeout. A paused consumer (a zombie)
     * is never the target: it is someone else's fault.
     */
    private long kill(boolean aimed, ChaosPlan.KillConsumer kill, long maxWaitMillis, String why) {
        long since = System.nanoTime();
        ConsumerPool pool = processes.consumers();
        List<Member> alive = pool.running();
        if (alive.isEmpty()) {
            if (restarts.any()) {
                // An earlier kill's container restarts in place in a moment: a deployment starts no other.
                log.note("(no kill: no consumer alive, a restart in place is under way)");
                return 0;
            }
            processes.startConsumer(kill.replacement(), " (no consumer alive to kill)");
            return 0;
        }
        long deadline = since + maxWaitMillis * 1_000_000;
        while (true) {
            pool.follow();
            List<Member> candidates = alive.stream().filter(m -> m.jvm.isAlive() && !m.isPaused()).toList();
            if (candidates.isEmpty()) {
                log.note("(no kill: the chosen consumers exited by themselves)");
                return waitedMillis(since);
            }
            // Spare the consumers still recovering an earlier outage's partitions where there is a choice: a second
            // kill of the same partitions before they are committed again measures a crash loop, not a recovery.
            candidates = preferSteady(candidates);
            List<Member> pausing = candidates.stream()
                    .filter(m -> m.mode instanceof ConsumerMode.PauseAfterUpload).toList();
            // Those holding partitions now: killing one that holds none leaves the group nothing to recover from.
            List<Member> joined = candidates.stream().filter(m -> !m.held().isEmpty()).toList();
            if (aimed && !pausing.isEmpty()) {
                Member uploaded = pausing.stream().filter(m -> m.pausingSince(since)).findFirst().orElse(null);
                if (uploaded != null) {
                    replaceFirstIfLast(uploaded, kill);
                    killInsideUploadCommitWindow(uploaded, "", kill.replacement(), kill.restartAfter());
                    return waitedMillis(since);
                }
            } else if (!joined.isEmpty()) {
                // Spare the consumers with an upload-commit pause where there is a choice: they are the targets
                // of the aimed kills, and a fresh one takes many seconds to get that far.
                List<Member> plain = joined.stream()
                        .filter(m -> !(m.mode instanceof ConsumerMode.PauseAfterUpload)).toList();
                aimOwed |= aimed;
                killPlainly(pick(plain.isEmpty() ? joined : plain, kill.pick()), since,
                        aimed ? " (aim passed on: no consumer with an upload-commit pause runs)" : why, kill);
                return waitedMillis(since);
            }
            if (System.nanoTime() - deadline >= 0) {
                aimOwed |= aimed;
                // Nobody holds partitions yet (all joining, or stuck in their start while S3 is down): a crash
                // mid-join is a fault too, and one a deployment sees; the harness does not skip it.
                killPlainly(pick(joined.isEmpty() ? candidates : joined, kill.pick()), since, aimed && !pausing.isEmpty()
                        ? String.format(Locale.ROOT, " (no upload to aim at within %.1f s; aim passed on)",
                                maxWaitMillis / 1000.0)
                        : why, kill);
                return waitedMillis(since);
            }
            ProcessWatch.sleep(20);
        }
    }

    /**
     * The candidates that hold no partition of an outage still unrecovered, if any of them holds partitions at all;
     * else all of them.
     */
    private List<Member> preferSteady(List<Member> candidates) {
        Set<Integer> recovering = tracker.unrecoveredPartitions();
        List<Member> steady = candidates.stream()
                .filter(m -> !m.held().isEmpty() && m.held().stream().noneMatch(recovering::contains)).toList();
        return steady.isEmpty() ? candidates : steady;
    }

    private void killPlainly(Member victim, long sinceNanos, String why, ChaosPlan.KillConsumer kill) {
        replaceFirstIfLast(victim, kill);
        boolean joined = victim.joined();
        killAndTrack(victim, kill.replacement(), kill.restartAfter());
        long waited = waitedMillis(sinceNanos);
        log.fault(FaultKind.KILL, "kill -9 " + victim + " [" + victim.mode + "]"
                + (joined ? "" : " before it had joined the group") + why
                + (waited >= 1000 ? String.format(Locale.ROOT, " (waited %.1f s for a target)", waited / 1000.0) : ""));
    }

    /**
     * A kill not restarted in place starts the victim's replacement first if the victim is the last consumer running,
     * so that one runs. Only once the victim is chosen: a kill that finds none (its chosen consumers exited by
     * themselves meanwhile) must not leave the group a member for a death that never came.
     */
    private void replaceFirstIfLast(Member victim, ChaosPlan.KillConsumer kill) {
        if (!kill.restartsInPlace() && processes.consumers().running().stream().allMatch(m -> m == victim)) {
            processes.startConsumer(kill.replacement(), " (so that one runs while " + victim.jvm.name() + " dies)");
        }
    }

    /**
     * Kills a consumer that has just announced its pause between an upload and its commit; asks Kafka whether it was
     * in time. The generation is the announced one, not the last upload logged: that may be another partition's,
     * unpaused (its first generation) and committed already.
     */
    private void killInsideUploadCommitWindow(Member victim, String why, ConsumerMode restartAs, Duration restartAfter) {
        ConsumerMode.PauseAfterUpload.Announced upload = victim.lastPause();
        aimOwed = false;
        long afterMillis = (System.nanoTime() - victim.lastPauseNanos()) / 1_000_000;
        killAndTrack(victim, restartAs, restartAfter);
        String where = String.format(Locale.ROOT, "kill -9 %s %d ms after it uploaded partition %d offsets %d..%d%s",
                victim, afterMillis, upload.partition(), upload.firstOffset(), upload.lastOffset(), why);
        if (!stack.brokerUp()) {
            log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (not confirmed: the broker is down)");
            return;
        }
        try {
            Long committed = offsets.committed().get(upload.partition());
            if (committed != null && committed > upload.lastOffset()) {
                aimOwed = true;
                log.fault(FaultKind.KILL, where + ", but after its commit (partition committed at " + committed
                        + "; aim passed on)");
                return;
            } else {
                confirmedWindowKills++;
                log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (partition committed at "
                        + (committed == null ? "nothing yet" : committed) + ")");
            }
        } catch (OffsetsUnavailableException e) {
            log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (not confirmed: " + e.getMessage() + ")");
        }
    }

    /**
     * kill -9, and from now on the clock runs until every partition it held is committed again. With
     * {@code restartAfter} (not null) its container restarts in place that long after, as {@code restartAs}.
     */
    private void killAndTrack(Member victim, ConsumerMode restartAs, Duration restartAfter) {
        processes.consumers().follow(); // its latest rebalance lines: the partitions it holds
        var held = victim.held();
        long at = log.elapsedMillis();
        processes.consumers().kill(victim);
        tracker.outage(RecoveryTracker.Cause.KILL, victim.slot, at, held);
        if (restartAfter != null) {
            restarts.add(victim.slot, restartAs, at + restartAfter.toMillis());
        }
    }

    private boolean windowKillLanded() {
        var counts = log.counts();
        return counts.get(FaultKind.KILL_AFTER_UPLOAD) + counts.get(FaultKind.SELF_HALT_AFTER_UPLOAD) > 0;
    }

    private static Member pick(List<Member> candidates, double pick) {
        return candidates.get(Math.min(candidates.size() - 1, (int) (pick * candidates.size())));
    }

    private static long waitedMillis(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }
}
