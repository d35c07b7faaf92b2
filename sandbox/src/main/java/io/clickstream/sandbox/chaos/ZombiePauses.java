package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The zombie fault: a consumer frozen with SIGSTOP (as by a long GC pause, a stopped container, a frozen VM) for
 * longer than its session timeout, so that the group gives its partitions to others, then thawed with SIGCONT.
 * The zombie wakes up in the middle of whatever it was doing (ideally an upload, which is why a consumer that has
 * just logged one is preferred) and only then learns that it no longer owns its partitions. A pause waits, without
 * holding up the schedule, until some running consumer holds partitions: freezing one that holds none tests nothing.
 *
 * <p>It is resumed once it has been paused longer than the session timeout (plus a margin) and the others have
 * committed every partition it held, so that its late uploads meet objects the new owners already wrote: the
 * case that must not overwrite a committed object. If the takeover does not come within a bound, it is resumed
 * anyway. What it does afterwards (exits, or runs on as a new member) is reported; the lake verdict decides.
 */
final class ZombiePauses {
    /** How long a due pause waits for a consumer to log an upload before it pauses one plainly. */
    private static final long AIMED_WAIT_NANOS = Duration.ofSeconds(4).toNanos();
    /** Past the session timeout before a resume, so that the coordinator has certainly expired the member. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** What a zombie logs about its group when it wakes up: the lines worth quoting first. */
    private static final Pattern ABOUT_THE_GROUP = Pattern.compile(
            "fenced|lost \\[|revoked \\[|assigned \\[|commit ?failed|rebalanc|member", Pattern.CASE_INSENSITIVE);
    private static final Pattern WARNING = Pattern.compile("\\b(WARN|ERROR)\\b");

    /** A pause that is due but has found no consumer holding partitions yet. */
    private static final class Due {
        final double pick;
        /** Since when (System.nanoTime) some running consumer has held partitions; -1 while none does. */
        long candidatesSince = -1;
        boolean helperStarted;

        Due(double pick) {
            this.pick = pick;
        }
    }

    private static final class Zombie {
        final Member member;
        final long pausedAt;
        final int outage;
        final Set<Integer> held;
        long resumedAt = -1;
        long logBytesAtResume;
        boolean takenOver;

        Zombie(Member member, long pausedAt, int outage, Set<Integer> held) {
            this.member = member;
            this.pausedAt = pausedAt;
            this.outage = outage;
            this.held = held;
        }
    }

    private final ChaosProcesses processes;
    private final RecoveryTracker tracker;
    private final FaultLog log;
    private final Duration sessionTimeout;
    private final long minPauseMillis;
    private final long maxPauseMillis;
    private final List<Zombie> zombies = new ArrayList<>();
    private final List<Due> due = new ArrayList<>();

    ZombiePauses(ChaosOptions options, ChaosProcesses processes, RecoveryTracker tracker, FaultLog log) {
        this.processes = processes;
        this.tracker = tracker;
        this.log = log;
        this.sessionTimeout = options.consumerSessionTimeout();
        this.minPauseMillis = sessionTimeout.plus(MARGIN).toMillis();
        // The takeover needs the session timeout, a rebalance and a batch; on a loaded machine, a while longer.
        this.maxPauseMillis = 3 * sessionTimeout.toMillis() + 30_000;
    }

    /** The shortest pause: the consumers' session timeout and a margin. */
    long minPauseMillis() {
        return minPauseMillis;
    }

    /**
     * A pause is due: it happens at once if a running consumer holds partitions, else as soon as one does (the
     * schedule goes on meanwhile). For a few seconds it waits for one to log an upload, and pauses that one.
     */
    void perform(ChaosPlan.PauseConsumer step) {
        due.add(new Due(step.pick()));
        pauseDue();
    }

    /** Resumes the zombies that are due and makes the pauses that are; called on every watch tick. */
    void tick() {
        for (Zombie z : zombies) {
            if (z.resumedAt >= 0 || !z.member.jvm.isAlive()) {
                continue;
            }
            long paused = log.elapsedMillis() - z.pausedAt;
            boolean takenOver = tracker.recovered(z.outage);
            if (paused >= minPauseMillis && (takenOver || paused >= maxPauseMillis)) {
                resume(z, takenOver);
            }
        }
        pauseDue();
    }

    /** A pause is due that has not found a consumer holding partitions yet. */
    boolean anyDue() {
        return !due.isEmpty();
    }

    /** The faults are over: a pause that found no consumer holding partitions is not made any more. */
    void dropDue() {
        if (!due.isEmpty()) {
            log.note("(" + due.size() + " zombie pause(s) dropped: no running consumer held partitions before the end "
                    + "of the faults)");
        }
        due.clear();
    }

    private void pauseDue() {
        if (due.isEmpty()) {
            return;
        }
        ConsumerPool pool = processes.consumers();
        for (Iterator<Due> it = due.iterator(); it.hasNext(); ) {
            Due d = it.next();
            List<Member> holding = pool.running().stream().filter(m -> !m.held().isEmpty()).toList();
            // Spare the consumers with an upload-commit pause where there is a choice, as the plain kills do: they
            // are the aimed kills' only targets, and one frozen here cannot be aimed at (CI had a run without any).
            List<Member> unhooked = holding.stream()
                    .filter(m -> !(m.mode instanceof ConsumerMode.PauseAfterUpload)).toList();
            List<Member> holders = unhooked.isEmpty() ? holding : unhooked;
            long now = System.nanoTime();
            if (holders.isEmpty()) {
                d.candidatesSince = -1;
                continue;
            }
            if (d.candidatesSince < 0) {
                d.candidatesSince = now;
            }
            if (!d.helperStarted && pool.running().size() == 1) {
                d.helperStarted = true;
                processes.startConsumer(new ConsumerMode.Clean(), " (so that one takes over while "
                        + holders.get(0).jvm.name() + " is paused)");
            }
            Member uploading = holders.stream().filter(m -> m.uploadedSince(d.candidatesSince)).findFirst().orElse(null);
            if (uploading != null || now - d.candidatesSince >= AIMED_WAIT_NANOS) {
                Member victim = uploading != null ? uploading
                        : holders.get(Math.min(holders.size() - 1, (int) (d.pick * holders.size())));
                pause(victim, uploading != null);
                it.remove();
            }
        }
    }

    /** A consumer is still frozen: the faults are not over until it is resumed. */
    boolean anyPaused() {
        return zombies.stream().anyMatch(z -> z.resumedAt < 0 && z.member.jvm.isAlive());
    }

    /** One line per zombie: how long it was paused, whether the others took over, and what it did on waking. */
    List<String> outcomes() {
        List<String> lines = new ArrayList<>();
        for (Zombie z : zombies) {
            var s = new StringBuilder(z.member.toString()).append(": ");
            if (z.resumedAt < 0) {
                s.append("paused, never resumed (the run ended)");
            } else {
                s.append(String.format(Locale.ROOT, "paused %.1f s (session timeout %.1f s) holding partitions %s, ",
                        (z.resumedAt - z.pausedAt) / 1000.0, sessionTimeout.toMillis() / 1000.0, z.held));
                s.append(tracker.recoveryMillis(z.outage).stream()
                        .mapToObj(ms -> String.format(Locale.ROOT, "committed by others %.1f s after the pause", ms / 1000.0))
                        .findFirst().orElse("NOT committed by others before the resume"));
                s.append("; after SIGCONT: ").append(firstNotableLineAfterResume(z));
                s.append("; ").append(fate(z.member));
            }
            lines.add(s.toString());
        }
        return lines;
    }

    private void pause(Member victim, boolean aimed) {
        Set<Integer> held = victim.held();
        UploadLine upload = victim.lastUpload();
        long afterUpload = (System.nanoTime() - victim.lastUploadNanos()) / 1_000_000;
        processes.consumers().pause(victim);
        long at = log.elapsedMillis();
        int outage = tracker.outage(RecoveryTracker.Cause.PAUSE, victim.slot, at, held);
        zombies.add(new Zombie(victim, at, outage, held));
        log.fault(FaultKind.CONSUMER_PAUSE, String.format(Locale.ROOT,
                "SIGSTOP %s [%s] holding partitions %s%s; SIGCONT once paused %.1f s (session timeout + %d s) and its "
                        + "partitions are committed by others", victim, victim.mode, held,
                aimed ? String.format(Locale.ROOT, ", %d ms after it uploaded partition %d offsets %d..%d", afterUpload,
                        upload.partition(), upload.firstOffset(), upload.lastOffset()) : " (no upload to aim at)",
                minPauseMillis / 1000.0, MARGIN.toSeconds()));
    }

    private void resume(Zombie z, boolean takenOver) {
        z.logBytesAtResume = logSize(z);
        processes.consumers().resume(z.member);
        z.resumedAt = log.elapsedMillis();
        tracker.resumed(z.outage, z.resumedAt);
        z.takenOver = takenOver;
        log.faultOver(String.format(Locale.ROOT, "SIGCONT %s after %.1f s paused: %s", z.member,
                (z.resumedAt - z.pausedAt) / 1000.0, takenOver
                        ? "the others have committed its partitions " + z.held + " meanwhile"
                        : "its partitions " + z.held + " NOT yet committed by others (gave up waiting)"));
    }

    private static String fate(Member m) {
        if (m.jvm.isAlive()) {
            return "still running";
        }
        if (m.wasKilled()) {
            return "ran on until a later kill -9 of the run";
        }
        int code = m.jvm.exitValue();
        return m.isTerminated() ? "ran on until the final SIGTERM, exit " + code : "exited by itself with code " + code;
    }

    private static long logSize(Zombie z) {
        try {
            return Files.size(z.member.jvm.log());
        } catch (IOException e) {
            return 0;
        }
    }

    /** The first line about its group it logged after the resume (fenced, lost, revoked...), else the first warning. */
    private static String firstNotableLineAfterResume(Zombie z) {
        try (RandomAccessFile in = new RandomAccessFile(z.member.jvm.log().toFile(), "r")) {
            long length = in.length();
            if (length <= z.logBytesAtResume) {
                return "nothing logged";
            }
            byte[] bytes = new byte[(int) Math.min(4 << 20, length - z.logBytesAtResume)];
            in.seek(z.logBytesAtResume);
            in.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return lines.stream().filter(l -> ABOUT_THE_GROUP.matcher(l).find()).findFirst()
                    .or(() -> lines.stream().filter(l -> WARNING.matcher(l).find()).findFirst())
                    .map(l -> "'" + (l.length() > 220 ? l.substring(0, 217) + "..." : l) + "'")
                    .orElse("nothing about its group, no warning or error logged");
        } catch (IOException e) {
            return "(cannot read " + z.member.jvm.log() + ": " + e.getMessage() + ")";
        }
    }

}
