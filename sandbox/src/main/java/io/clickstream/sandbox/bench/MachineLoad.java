package io.clickstream.sandbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The machine's load averages, read from {@code /proc/loadavg}: on a shared machine a benchmark is
 * only worth reading next to the load it ran under.
 */
record MachineLoad(double one, double five, double fifteen) {
    static final MachineLoad UNKNOWN = new MachineLoad(Double.NaN, Double.NaN, Double.NaN);

    static MachineLoad now() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new MachineLoad(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /**
     * Waits until the one-minute average is below {@code max}, checking every 10 s, for at most
     * {@code patience}. Returns the load it ended with, whether or not it got there.
     */
    static MachineLoad awaitBelow(double max, Duration patience, java.io.PrintStream progress) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        MachineLoad load = now();
        while (!(load.one < max) && !Double.isNaN(load.one) && System.nanoTime() < deadline) {
            progress.printf(Locale.ROOT, "load %s, waiting for the 1-minute average to fall below %.2f...%n", load, max);
            Thread.sleep(10_000);
            load = now();
        }
        return load;
    }

    @Override
    public String toString() {
        return Double.isNaN(one) ? "unknown" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", one, five, fifteen);
    }
}
