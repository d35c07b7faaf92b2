package io.clickstream.sandbox.bench;

import java.util.List;

/**
 * The consumer's CPU per event and rate once warmed up: between its progress lines at a quarter and at nine
 * tenths of the topic, leaving out the start (JVM, class loading, the group join) and the first seconds of
 * reading, when the JIT compilers take a core of their own, and the last files' close. On this bench's two million
 * events those fixed costs are about half the consumer's CPU from launch (measured 2026-12-06: 6.6 CPU s per million
 * events between a quarter and nine tenths of the topic, 15 in the seconds before, 13.8 over the run; in another run
 * of the same jar the C2 compiler thread alone spent 6.6 s), so the figure from launch says little about a consumer
 * that runs for hours.
 *
 * @param events events consumed within the window
 * @param nanos the window's length
 * @param cpuNanos the consumer JVM's CPU time within it (all threads, JIT and GC included)
 */
record WarmWindow(long events, long nanos, long cpuNanos) {
    static final double FROM = 0.25;
    static final double TO = 0.90;
    /**
     * A shorter window is no warmed-up figure: a round of 200,000 events spends its whole 25 % to 90 % in about a
     * second, with the compilers still at work (13.7 CPU s per million measured there, against 5.3 to 5.8 on two
     * million).
     */
    static final long MIN_NANOS = 3_000_000_000L;

    /** A progress line: when it was read ({@link System#nanoTime()}) and the events consumed so far. */
    record Progress(long at, long consumed) {
    }

    /** A CPU sample: when it was taken and the process's CPU time then. */
    record Cpu(long at, long cpuNanos) {
    }

    /**
     * The window from the first progress line at or past {@link #FROM} of {@code total} to the last one at or
     * before {@link #TO}; {@code null} when the lines do not give two such points with events between them and at
     * least {@link #MIN_NANOS} apart, or the count goes back anywhere, or the CPU samples do not cover both.
     *
     * @param progress in the order they were logged
     * @param cpu in the order they were taken
     */
    static WarmWindow of(List<Progress> progress, List<Cpu> cpu, long total) {
        Progress start = null;
        Progress end = null;
        long last = Long.MIN_VALUE;
        for (Progress p : progress) {
            if (p.consumed() < last) {
                return null; // the count went back (a reset): differences between lines are no events consumed
            }
            last = p.consumed();
            if (start == null && p.consumed() >= FROM * total) {
                start = p;
            }
            if (p.consumed() <= TO * total) {
                end = p;
            }
        }
        if (start == null || end == null || end.consumed() <= start.consumed() || end.at() - start.at() < MIN_NANOS) {
            return null;
        }
        long cpuStart = cpuAt(cpu, start.at());
        long cpuEnd = cpuAt(cpu, end.at());
        if (cpuStart < 0 || cpuEnd < cpuStart) {
            return null;
        }
        return new WarmWindow(end.consumed() - start.consumed(), end.at() - start.at(), cpuEnd - cpuStart);
    }

    /** CPU time at {@code at}, linear between the samples around it; -1 if no sample lies on each side. */
    private static long cpuAt(List<Cpu> samples, long at) {
        Cpu before = null;
        for (Cpu s : samples) {
            if (s.at() <= at) {
                before = s;
            } else {
                if (before == null) {
                    return -1;
                }
                double share = (double) (at - before.at()) / (s.at() - before.at());
                return before.cpuNanos() + Math.round(share * (s.cpuNanos() - before.cpuNanos()));
            }
        }
        return before != null && before.at() == at ? before.cpuNanos() : -1;
    }

    double cpuSecondsPerMillion() {
        return cpuNanos / 1e9 / events * 1e6;
    }

    double eventsPerSecond() {
        return events / (nanos / 1e9);
    }
}
