package io.clickstream.sandbox.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The run's own account: one timestamped line per fault or event ({@code [00:12.3] kill -9 consumer-2
 * (pid 1234)}), printed and appended to {@code chaos.log} in the run folder, and a count per fault kind.
 */
final class FaultLog implements AutoCloseable {

    private final PrintStream out;
    private final BufferedWriter file;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
    /** When the last fault was injected or ended (a kill, a SIGCONT, S3 or the broker back), and what it was. */
    private long lastFaultMillis = -1;
    private String lastFault = "none";

    FaultLog(PrintStream out, Path file, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        try {
            this.file = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** {@code [mm:ss.s]} for a time since the start of the run. */
    static String stamp(long millis) {
        return "[" + clock(millis) + "]";
    }

    /** {@code mm:ss.s}, minutes growing past 59 rather than wrapping. */
    static String clock(long millis) {
        long tenths = Math.max(0, millis) / 100;
        return String.format(Locale.ROOT, "%02d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }

    /** Milliseconds since the log was opened: the run's clock. */
    long elapsedMillis() {
        return (nanoTime.getAsLong() - startNanos) / 1_000_000;
    }

    /** A fault injected (or a consumer started): counted and logged. */
    synchronized void fault(FaultKind kind, String text) {
        counts.merge(kind, 1, Integer::sum);
        line(text);
        if (!kind.isStart()) {
            markFault(text);
        }
    }

    /** A fault ends (S3 back, the broker up, a paused consumer resumed): logged, and the drain is measured from here. */
    synchronized void faultOver(String text) {
        line(text);
        markFault(text);
    }

    /** The run's clock when the last fault was injected or ended; -1 if none was. */
    synchronized long lastFaultMillis() {
        return lastFaultMillis;
    }

    /** {@code 01:58.3 SIGCONT consumer-4 ...}: the last fault, when, or {@code none}. */
    synchronized String lastFault() {
        return lastFault;
    }

    private void markFault(String text) {
        lastFaultMillis = elapsedMillis();
        lastFault = clock(lastFaultMillis) + " " + (text.length() > 90 ? text.substring(0, 87) + "..." : text);
    }

    /** Something worth a line that is not a fault (a phase starts, S3 is back, progress). */
    synchronized void note(String text) {
        line(text);
    }

    synchronized Map<FaultKind, Integer> counts() {
        Map<FaultKind, Integer> copy = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            copy.put(kind, counts.getOrDefault(kind, 0));
        }
        return copy;
    }

    private void line(String text) {
        String line = stamp(elapsedMillis()) + " " + text;
        out.println(line);
        out.flush();
        try {
            file.write(line);
            file.newLine();
            file.flush();
        } catch (IOException e) {
            // the printed line is what matters; the file is a copy
        }
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            // best effort
        }
    }
}
