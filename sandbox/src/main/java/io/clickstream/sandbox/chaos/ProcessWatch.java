package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;

/**
 * Watches the run's processes between its steps: follows the consumers' logs, sorts the consumers that exited
 * by themselves into self-halts (a fault, followed by an eviction if enabled), resumed zombies (reported, not
 * failed on: the lake verdict decides) and crashes (a problem; too many abort the run), notices the producer
 * finishing, resumes the zombies that are due, retries a pending eviction, and keeps a consumer running until
 * the final stop.
 */
final class ProcessWatch {
    static final long TICK_MILLIS = 50;
    /** Consumers that die by themselves this often are crash-looping (a broken jar, a bad setting): give up. */
    private static final int MAX_UNEXPECTED_EXITS = 5;

    private final ChaosProcesses processes;
    private final GroupEviction eviction;
    private final ZombiePauses zombies;
    private final RecoveryTracker tracker;
    private final RestartQueue restarts;
    /** What a consumer that halted itself comes back as when its container restarts. */
    private final ConsumerMode restartAfterHalt;
    private final FaultLog log;
    private final Findings findings;
    private Integer producerExit; // null while the producer runs
    private int unexpectedExits;
    /** The consumers are being stopped: no more replacements. */
    private boolean stopping;

    ProcessWatch(ChaosProcesses processes, GroupEviction eviction, ZombiePauses zombies, RecoveryTracker tracker,
            RestartQueue restarts, ConsumerMode restartAfterHalt, FaultLog log, Findings findings) {
        this.processes = processes;
        this.eviction = eviction;
        this.zombies = zombies;
        this.tracker = tracker;
        this.restarts = restarts;
        this.restartAfterHalt = restartAfterHalt;
        this.log = log;
        this.findings = findings;
    }

    /** Waits until {@code millis} into the run, watching the processes meanwhile. */
    void waitUntil(long millis) {
        while (log.elapsedMillis() < millis) {
            watch();
            sleep(Math.min(TICK_MILLIS, Math.max(1, millis - log.elapsedMillis())));
        }
        watch();
    }

    /**
     * One look at the processes.
     *
     * @throws RunAborted if consumers keep exiting by themselves
     */
    void watch() {
        ConsumerPool pool = processes.consumers();
        pool.follow();
        for (ConsumerPool.Exit exit : pool.reap()) {
            noteExit(exit.member(), exit.code());
        }
        if (producerExit == null && !processes.producer().isAlive()) {
            noteProducerExit(processes.producer().exitValue());
        }
        zombies.tick();
        eviction.retryIfDue();
        if (!stopping) {
            for (RestartQueue.Restart due : restarts.takeDue(log.elapsedMillis())) {
                ConsumerPool.Member member = processes.restartConsumerIn(due.slot(), due.mode(), "");
                if (member.restartedInPlace) {
                    tracker.restartedInPlace(member.slot);
                }
            }
        }
        if (!stopping && pool.running().isEmpty() && !restarts.any()) {
            processes.startConsumer(new ConsumerMode.Clean(), " (none was alive)");
        }
    }

    boolean producerFinished() {
        return producerExit != null;
    }

    /** The producer's exit code; -1 while it runs or if it had to be killed. */
    int producerExit() {
        return producerExit == null ? -1 : producerExit;
    }

    /** Kills a producer that did not finish in time. */
    void killProducer() {
        processes.producer().kill();
        producerExit = -1;
    }

    /** From now on the consumers are stopped on purpose: a run without consumers is no longer replenished. */
    void stopReplacing() {
        stopping = true;
        restarts.clear();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("chaos run interrupted", e);
        }
    }

    private void noteExit(Member m, int code) {
        if (code == 137 && m.mode instanceof ConsumerMode.HaltAfterUpload) {
            selfHalted(m);
            log.fault(FaultKind.SELF_HALT_AFTER_UPLOAD, m + " halted itself between an upload and its commit ["
                    + m.mode + "], exit 137");
            eviction.evict();
        } else if (code == 137 && m.mode instanceof ConsumerMode.HaltDuringUpload) {
            selfHalted(m);
            log.fault(FaultKind.SELF_HALT_DURING_UPLOAD, m + " halted itself halfway through an upload [" + m.mode
                    + "], exit 137");
            eviction.evict();
        } else if (m.isTerminated() && (code == 0 || code == 143)) {
            // 143: the signal came before the JVM had installed its shutdown hook.
            log.note(m + " stopped after SIGTERM, exit " + code);
        } else if (m.wasPaused()) {
            // A zombie that finds itself fenced may well give up; whether it did harm is for the lake to say.
            log.note(m + ", a zombie resumed after a pause past its session timeout, exited with code " + code);
            findings.warning(m + ", a resumed zombie, exited with code " + code + " on its own (log " + m.jvm.log()
                    + "); last line: " + m.jvm.tail(1));
        } else {
            findings.problem(m.jvm.name() + " exited with code " + code + " on its own [" + m.mode + "]; "
                    + "log " + m.jvm.log() + ", last lines:\n" + m.jvm.tail(15));
            log.note("UNEXPECTED: " + m + " exited with code " + code + " (see " + m.jvm.log() + ")");
            if (++unexpectedExits >= MAX_UNEXPECTED_EXITS) {
                throw new RunAborted(unexpectedExits + " consumers exited by themselves; the last one, " + m.jvm.name()
                        + ", with code " + code + " (see " + m.jvm.log() + ")");
            }
        }
    }

    /**
     * A self-halt is a crash like a kill: the clock runs until its partitions are committed again, and its container
     * restarts in place a moment later (without the halt: a consumer that halted at its n-th upload every time
     * would crash-loop). Not one the run had sent SIGTERM (the drain stops the self-halting consumers), which may
     * halt in its shutdown flush: a restart policy does not bring back a container stopped on purpose.
     */
    private void selfHalted(Member m) {
        long at = log.elapsedMillis();
        tracker.outage(RecoveryTracker.Cause.KILL, m.slot, at, m.held());
        if (!stopping && !m.isTerminated()) {
            restarts.add(m.slot, restartAfterHalt, at + ChaosPlan.RESTART_DELAY_MIN.toMillis());
        }
    }

    private void noteProducerExit(int code) {
        producerExit = code;
        if (code == 0) {
            log.note("producer finished: exit 0, every event acknowledged");
        } else {
            ChildJvm producer = processes.producer();
            findings.problem("the producer exited with code " + code + "; log " + producer.log()
                    + ", last lines:\n" + producer.tail(15));
            log.note("UNEXPECTED: the producer exited with code " + code + " (see " + producer.log() + ")");
        }
    }
}
