package io.clickstream.sandbox.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a {@link ProducerBench} measured, and its table.
 *
 * @param generation how long pre-generating B's records took (the generator and shaper alone)
 * @param measurements in the order they ran: A, B, A, B
 */
public record ProducerBenchResult(long events, long seed, Duration generation, List<Measurement> measurements) {

    public enum Side {
        PRODUCER("A producer (ProducerApp, rate 0)"),
        PLAIN_CLIENT("B plain KafkaProducer loop");

        private final String label;

        Side(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One timed run.
     *
     * @param bytes uncompressed keys and values handed to {@code send()}
     * @param cpu the bench JVM's CPU time over the run (every thread: the client's, the embedded broker's, JIT and GC)
     */
    public record Measurement(Side side, int round, long records, long bytes, Duration elapsed, Duration cpu) {
        public double eventsPerSecond() {
            return records / seconds();
        }

        /** Megabytes (10^6 bytes) of keys and values per second, before compression. */
        public double megabytesPerSecond() {
            return bytes / 1e6 / seconds();
        }

        /** CPU seconds per million records, the broker's included (it runs in the same JVM). */
        public double cpuSecondsPerMillion() {
            return cpu.toNanos() / 1e9 / Math.max(1, records) * 1e6;
        }

        private double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    public ProducerBenchResult {
        measurements = List.copyOf(measurements);
    }

    /** The fastest run of a side: on a shared machine the slower ones measure the neighbours too. */
    public Measurement best(Side side) {
        return measurements.stream().filter(m -> m.side() == side)
                .max(Comparator.comparingDouble(Measurement::eventsPerSecond))
                .orElseThrow();
    }

    /**
     * A's events per second over B's within each round, in round order: on a shared 2-core machine the rates of
     * both sides swing by a third from round to round, and a round's A and B ran minutes apart at most.
     */
    public List<Double> roundRatios() {
        var ratios = new ArrayList<Double>();
        for (Measurement a : measurements) {
            if (a.side() != Side.PRODUCER) {
                continue;
            }
            measurements.stream().filter(b -> b.side() == Side.PLAIN_CLIENT && b.round() == a.round()).findFirst()
                    .ifPresent(b -> ratios.add(a.eventsPerSecond() / b.eventsPerSecond()));
        }
        return ratios;
    }

    /** The median of {@link #roundRatios()} (the mean of the middle two for an even count); NaN without a round. */
    public double medianRoundRatio() {
        List<Double> sorted = roundRatios().stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A's events per second over B's, best against best. */
    public double ratio() {
        return best(Side.PRODUCER).eventsPerSecond() / best(Side.PLAIN_CLIENT).eventsPerSecond();
    }

    public List<String> table() {
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "producer bench: %,d events per run, seed %d; pre-generating B's records took %.1fs (%,.0f events/s)",
                events, seed, generation.toMillis() / 1000.0, events / Math.max(1e-9, generation.toNanos() / 1e9)));
        lines.add(String.format(Locale.ROOT, "%-36s %5s %12s %8s %9s %9s %10s", "side", "round", "events/s", "MB/s", "MB",
                "elapsed", "JVM CPU s/M"));
        for (Measurement m : measurements) {
            lines.add(String.format(Locale.ROOT, "%-36s %5d %,12.0f %8.1f %9.1f %8.1fs %10.2f", m.side().label(), m.round(),
                    m.eventsPerSecond(), m.megabytesPerSecond(), m.bytes() / 1e6, m.elapsed().toMillis() / 1000.0,
                    m.cpuSecondsPerMillion()));
        }
        Measurement a = best(Side.PRODUCER);
        Measurement b = best(Side.PLAIN_CLIENT);
        lines.add(String.format(Locale.ROOT, "best: A %,.0f events/s (%.1f MB/s), B %,.0f events/s (%.1f MB/s), A/B = %.2f",
                a.eventsPerSecond(), a.megabytesPerSecond(), b.eventsPerSecond(), b.megabytesPerSecond(), ratio()));
        lines.add(String.format(Locale.ROOT, "per round A/B: %s; median %.2f (JVM CPU: the bench JVM's, its broker's included)",
                roundRatios().stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).collect(Collectors.joining(" ")),
                medianRoundRatio()));
        return lines;
    }
}
