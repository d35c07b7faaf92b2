package io.clickstream.sandbox.bench;

/**
 * Samples one child process's {@link ProcStatus} while it runs: the last status seen alive (its CPU time then)
 * and the most resident memory any sample saw, the larger of {@code VmRSS} and the kernel's own high-water mark
 * {@code VmHWM}. A sample after the exit changes nothing; whatever happened in the last interval before it is
 * only missed by the CPU time, not by {@code VmHWM}, which the kernel keeps for the whole life of the process.
 */
final class ProcSampler {
    private final long pid;
    private ProcStatus last = ProcStatus.GONE;
    private long peakRssBytes = -1;

    ProcSampler(long pid) {
        this.pid = pid;
    }

    /** Reads {@code /proc/<pid>/status} now. */
    void sample() {
        add(ProcStatus.of(pid));
    }

    void add(ProcStatus now) {
        if (now.alive()) {
            last = now;
            peakRssBytes = Math.max(peakRssBytes, Math.max(now.rssBytes(), now.peakRssBytes()));
        }
    }

    /** The last status seen alive, {@link ProcStatus#GONE} if none. */
    ProcStatus last() {
        return last;
    }

    /** The most resident memory seen, in bytes; -1 if no sample saw the process alive. */
    long peakRssBytes() {
        return peakRssBytes;
    }
}
