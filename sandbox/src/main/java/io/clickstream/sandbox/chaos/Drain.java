package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import io.clickstream.sandbox.chaos.GroupOffsets.OffsetsUnavailableException;

/**
 * The run after its faults: the stack healed, the self-halting consumers stopped, the producer's end awaited,
 * then the group's commit of the end of every partition, within {@code drainTimeout} in all.
 */
final class Drain {
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final ChaosOptions options;
    private final StackFaults stack;
    private final ChaosProcesses processes;
    private final ProcessWatch watch;
    private final GroupOffsets offsets;
    private final FaultLog log;
    private final Findings findings;

    Drain(ChaosOptions options, StackFaults stack, ChaosProcesses processes, ProcessWatch watch, GroupOffsets offsets,
            FaultLog log, Findings findings) {
        this.options = options;
        this.stack = stack;
        this.processes = processes;
        this.watch = watch;
        this.offsets = offsets;
        this.log = log;
        this.findings = findings;
    }

    /**
     * Faults off; waits for the producer, then until the group has committed the end of every partition. Returns
     * the run's clock when it saw everything committed, or -1 if it gave up.
     */
    long run() {
        stack.healAll();
        log.note("faults over, S3 and broker up: waiting for the producer, then for the group to commit everything");
        ConsumerPool pool = processes.consumers();
        for (Member m : pool.running()) {
            if (m.mode.selfHalting()) {
                // Its self-halt is a fault too, and the faults are over.
                pool.terminate(m);
                log.note("SIGTERM " + m + " [" + m.mode + "]: no self-halts after the faults");
            }
        }
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (!watch.producerFinished() && System.nanoTime() < deadline) {
            watch.watch();
            ensureCleanConsumer();
            ProcessWatch.sleep(ProcessWatch.TICK_MILLIS * 4);
        }
        if (!watch.producerFinished()) {
            findings.problem("the producer had not finished " + options.drainTimeout().toSeconds() + " s after the faults");
            watch.killProducer();
        }
        return awaitCommitted(deadline);
    }

    private long awaitCommitted(long deadline) {
        long lastProgress = System.nanoTime();
        while (true) {
            watch.watch();
            ensureCleanConsumer();
            long lag;
            try {
                lag = offsets.lag();
            } catch (OffsetsUnavailableException e) {
                lag = -1;
            }
            if (lag == 0) {
                long at = log.elapsedMillis();
                log.note("the group has committed every record (lag 0)");
                return at;
            }
            if (System.nanoTime() > deadline) {
                findings.problem("the group still had " + (lag < 0 ? "an unknown number of" : Long.toString(lag))
                        + " records uncommitted " + options.drainTimeout().toSeconds() + " s after the faults");
                log.note("UNEXPECTED: drain timed out (lag " + lag + ")");
                return -1;
            }
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                log.note("draining: " + (lag < 0 ? "(offsets unavailable)" : lag + " records not yet committed") + ", "
                        + processes.consumers().alive().size() + " consumer(s) alive" + (lag > 0 ? behind() : ""));
                lastProgress = System.nanoTime();
            }
            for (int i = 0; i < 10; i++) {
                ProcessWatch.sleep(ProcessWatch.TICK_MILLIS);
                processes.consumers().follow();
            }
        }
    }

    /** Which partitions are behind and who owns them, as the coordinator says; empty if it cannot be asked. */
    private String behind() {
        try {
            return " (" + offsets.behind() + ")";
        } catch (OffsetsUnavailableException e) {
            return "";
        }
    }

    /** A consumer without fault hooks, so that the drain never depends on one that stalls on purpose. */
    private void ensureCleanConsumer() {
        boolean clean = processes.consumers().running().stream()
                .anyMatch(m -> m.mode instanceof ConsumerMode.Clean && !m.isTerminated());
        if (!clean) {
            processes.startConsumer(new ConsumerMode.Clean(), " for the drain");
        }
    }
}
