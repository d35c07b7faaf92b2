package io.clickstream.sandbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the kernel says about one process: resident memory now ({@code VmRSS}) and at its peak
 * ({@code VmHWM}), and CPU time (user + system, all threads). Linux only; elsewhere every value is -1.
 */
record ProcStatus(long rssBytes, long peakRssBytes, Duration cpu) {
    static final ProcStatus GONE = new ProcStatus(-1, -1, Duration.ZERO);

    /** The process's status now, or {@link #GONE} once it exited. */
    static ProcStatus of(long pid) {
        Duration cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(null);
        try {
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kilobytes(line);
                }
            }
            return cpu == null ? GONE : new ProcStatus(rss, hwm, cpu);
        } catch (IOException | RuntimeException e) {
            return GONE;
        }
    }

    static ProcStatus self() {
        return of(ProcessHandle.current().pid());
    }

    /**
     * Resets this JVM's {@code VmHWM} to its current RSS (Linux {@code clear_refs} value 5), so the
     * peak of the next round is its own. Returns false where the kernel does not allow it.
     */
    static boolean resetOwnPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    boolean alive() {
        return rssBytes >= 0;
    }

    private static long kilobytes(String line) {
        String[] parts = line.split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}
