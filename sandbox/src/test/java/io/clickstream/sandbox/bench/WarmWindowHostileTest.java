package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.sandbox.bench.WarmWindow.Cpu;
import io.clickstream.sandbox.bench.WarmWindow.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A hostile review of the warmed-up window: odd progress lines and CPU samples, and how the report shows it. */
class WarmWindowHostileTest {
    private static final long S = 1_000_000_000L;
    private static final MachineLoad LOAD = new MachineLoad(0.5, 0.5, 0.5);

    /** A CPU sample every 100 ms from 0 to {@code seconds}, one CPU second per second. */
    private static List<Cpu> linearCpu(int seconds) {
        List<Cpu> samples = new ArrayList<>();
        for (long ms = 0; ms <= seconds * 1000L; ms += 100) {
            samples.add(new Cpu(ms * 1_000_000, ms * 1_000_000));
        }
        return samples;
    }

    // ---- WarmWindow.of ----

    @Test
    void aCounterThatGoesBackwardsBetweenTheQuarterAndTheEndGivesNoWindow() {
        // 300 at 1 s, 800 at 5 s, then a reset: 100 at 6 s, 500 at 9 s. 500 - 300 is not the events consumed in 1..9 s.
        List<Progress> progress = List.of(new Progress(1 * S, 300), new Progress(5 * S, 800), new Progress(6 * S, 100),
                new Progress(9 * S, 500));

        assertThat(WarmWindow.of(progress, linearCpu(10), 1_000)).isNull();
    }

    @Test
    void aCounterResetBelowTheStartGivesNoWindow() {
        List<Progress> progress = List.of(new Progress(1 * S, 300), new Progress(5 * S, 800), new Progress(6 * S, 100));

        assertThat(WarmWindow.of(progress, linearCpu(10), 1_000)).isNull();
    }

    @Test
    void duplicateCpuTimestampsDoNotDivideByZeroAndTheLaterSampleAtThatInstantCounts() {
        List<Progress> progress = List.of(new Progress(2 * S, 300), new Progress(6 * S, 800));
        List<Cpu> cpu = List.of(new Cpu(0, 0), new Cpu(2 * S, 2 * S), new Cpu(2 * S, 2 * S + 100), new Cpu(6 * S, 6 * S),
                new Cpu(6 * S, 6 * S + 500), new Cpu(8 * S, 8 * S + 500));

        assertThat(WarmWindow.of(progress, cpu, 1_000)).isEqualTo(new WarmWindow(500, 4 * S, 4 * S + 400));
    }

    @Test
    void aLineBetweenTwoSamplesAfterADuplicatePairIsInterpolatedFromTheLaterOfThePair() {
        List<Progress> progress = List.of(new Progress(3 * S, 300), new Progress(7 * S, 800));
        List<Cpu> cpu = List.of(new Cpu(2 * S, 0), new Cpu(2 * S, 1_000), new Cpu(4 * S, 3_000), new Cpu(6 * S, 3_000),
                new Cpu(8 * S, 7_000));

        WarmWindow warm = WarmWindow.of(progress, cpu, 1_000);

        assertThat(warm).isEqualTo(new WarmWindow(500, 4 * S, 5_000 - 2_000));
    }

    @Test
    void cpuSamplesOutOfOrderGiveNoExceptionAndNoNegativeCpu() {
        List<Progress> progress = List.of(new Progress(1 * S, 300), new Progress(5 * S, 800));

        assertThat(WarmWindow.of(progress, List.of(new Cpu(0, 0), new Cpu(4 * S, 4 * S), new Cpu(2 * S, 2 * S),
                new Cpu(8 * S, 8 * S)), 1_000)).isEqualTo(new WarmWindow(500, 4 * S, 4 * S));
        assertThat(WarmWindow.of(progress, List.of(new Cpu(5 * S, 5 * S), new Cpu(0, 0), new Cpu(10 * S, 10 * S)), 1_000))
                .as("a later sample first: the start is not covered").isNull();
        assertThat(WarmWindow.of(progress, List.of(new Cpu(0, 9 * S), new Cpu(10 * S, 0)), 1_000))
                .as("CPU time going down").isNull();
    }

    @Test
    void aTotalOfZeroGivesNoWindow() {
        assertThat(WarmWindow.of(List.of(new Progress(1 * S, 0), new Progress(5 * S, 0)), linearCpu(10), 0)).isNull();
        assertThat(WarmWindow.of(List.of(new Progress(1 * S, 300), new Progress(5 * S, 800)), linearCpu(10), 0)).isNull();
    }

    @Test
    void aTotalOfOneEventGivesNoWindow() {
        assertThat(WarmWindow.of(List.of(new Progress(0, 0), new Progress(5 * S, 1)), linearCpu(10), 1)).isNull();
    }

    @Test
    void linesExactlyAtTheQuarterAndAtNineTenthsAreTheWindowsEnds() {
        List<Progress> progress = List.of(new Progress(1 * S, 249), new Progress(2 * S, 250), new Progress(6 * S, 900),
                new Progress(7 * S, 901));

        assertThat(WarmWindow.of(progress, linearCpu(10), 1_000)).isEqualTo(new WarmWindow(650, 4 * S, 4 * S));
        assertThat(WarmWindow.of(List.of(new Progress(2 * S, 500_000), new Progress(6 * S, 1_800_000)), linearCpu(10),
                2_000_000)).isEqualTo(new WarmWindow(1_300_000, 4 * S, 4 * S));
    }

    @Test
    void hugeCountsCpuTimesAndNegativeNanoTimesDoNotOverflow() {
        long base = -9_000_000_000_000_000_000L; // System.nanoTime() may be negative
        long cpu0 = 1_000_000_000_000_000_000L;
        List<Progress> progress = List.of(new Progress(base + 1 * S, 3_000_000_000_000_000_000L),
                new Progress(base + 5 * S, 8_000_000_000_000_000_000L));
        List<Cpu> cpu = List.of(new Cpu(base, cpu0), new Cpu(base + 10 * S, cpu0 + 10 * S));

        WarmWindow warm = WarmWindow.of(progress, cpu, 9_000_000_000_000_000_000L);

        assertThat(warm).isEqualTo(new WarmWindow(5_000_000_000_000_000_000L, 4 * S, 4 * S));
        assertThat(warm.eventsPerSecond()).isCloseTo(1.25e18, within(1e3));
        assertThat(warm.cpuSecondsPerMillion()).isCloseTo(8e-13, within(1e-24));
    }

    @Test
    void aWindowWithoutCpuGivesZeroCpuPerMillionNotNaN() {
        List<Cpu> flat = List.of(new Cpu(0, 7), new Cpu(10 * S, 7));

        WarmWindow warm = WarmWindow.of(List.of(new Progress(1 * S, 300), new Progress(5 * S, 800)), flat, 1_000);

        assertThat(warm).isEqualTo(new WarmWindow(500, 4 * S, 0));
        assertThat(warm.cpuSecondsPerMillion()).isEqualTo(0.0);
        assertThat(warm.eventsPerSecond()).isEqualTo(125.0);
    }

    // ---- ChildConsumer's progress lines ----

    @Test
    void theConsumersProgressLineGivesItsCount() {
        assertThat(ChildConsumer.consumedIn("23:29:58.123 INFO  [main] ProgressReporter - progress: consumed=1500000 (250000/s)"
                + " valid=1500000 invalid=0 files=3 uploaded=12.0 MB buffered=1.5 MB open-files=12 uncommitted-partitions=0"
                + " paused=0 lag=500000")).isEqualTo(OptionalLong.of(1_500_000));
    }

    @Test
    void aCountTooLargeForALongIsNoProgressLineAndDoesNotThrow() {
        assertThat(ChildConsumer.consumedIn("23:29:58.123 INFO  [main] ProgressReporter - progress: consumed=99999999999999999999"
                + " (1/s) valid=0")).isEmpty();
    }

    @Test
    void theProgressPhraseInsideAnotherMessageIsNoProgressLine() {
        assertThat(ChildConsumer.consumedIn("23:29:58.123 WARN  [main] Watchdog - stalled, last progress: consumed=5 of 10")).isEmpty();
        assertThat(ChildConsumer.consumedIn("23:29:58.123 INFO  [main] Other - no progress: consumed=5 (none)")).isEmpty();
        assertThat(ChildConsumer.consumedIn("23:29:58.123 INFO  [main] ProgressReporter - lag=7")).isEmpty();
    }

    // ---- BenchReport ----

    private static ConsumerRound round(int number, long rows, double cpuSeconds, WarmWindow warm) {
        return new ConsumerRound(number, "java -jar", rows, 460_000_000, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis((long) (cpuSeconds * 1000)), "cpu", 100L << 20,
                200L << 20, 400L << 20, 4_000_000_000L, "memory", 30_000_000, 12, 0, LOAD, null, warm);
    }

    private static BenchReport report(ConsumerRound... rounds) {
        var options = new PipelineBench.Options(1_000_000, 12, rounds.length, 42, PipelineBench.Mode.IN_PROCESS,
                null, List.of(), Map.of(), Duration.ofSeconds(5), 0, null, Duration.ofMinutes(1), null);
        var loaded = new TopicLoader.Loaded(1_000_000, 10_000_000, 460_000_000, Duration.ofSeconds(1));
        var read = new RawReader.Read(1, 1_000_000, 10_000_000, 460_000_000, Duration.ofSeconds(1), Duration.ofMillis(500), LOAD);
        var result = new PipelineBench.Result(options, LOAD, LOAD, loaded, List.of(read), List.of(rounds), null,
                "skipped (test)", 1L << 30, null, null, "skipped (test)");
        return new BenchReport(result, "sandbox bench");
    }

    @Test
    void roundsWithAndWithoutAWarmWindowEachReadRightInTheTableAndTheJson() throws Exception {
        BenchReport report = report(round(1, 1_000_000, 9.0, null),
                round(2, 1_000_000, 9.0, new WarmWindow(500_000, 4 * S, 3 * S)));
        String table = String.join("\n", report.table());
        String json = report.json();

        String round1 = report.table().stream().filter(l -> l.startsWith("B round 1:")).findFirst().orElseThrow();
        String round2 = report.table().stream().filter(l -> l.startsWith("B round 2:")).findFirst().orElseThrow();
        assertThat(round1).doesNotContain("warmed up").contains("close/upload/commit 0.2 s; heap committed peak");
        assertThat(round2).contains("close/upload/commit 0.2 s; warmed up (25-90 % of the topic) 125,000 events/s at 6.00 CPU s/M;"
                + " heap committed peak");
        assertThat(report.targetsForTest()).filteredOn(t -> t.name().equals("  the same, warmed up")).singleElement()
                .satisfies(t -> assertThat(t.measured()).isCloseTo(6.0, within(1e-9)));
        var rounds = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("consumer");
        assertThat(rounds.get(0).get("warmEventsPerSecond").isNull()).isTrue();
        assertThat(rounds.get(0).get("warmCpuSecondsPerMillionEvents").isNull()).isTrue();
        assertThat(rounds.get(1).get("warmEventsPerSecond").asDouble()).isEqualTo(125_000.0);
        assertThat(rounds.get(1).get("warmCpuSecondsPerMillionEvents").asDouble()).isCloseTo(6.0, within(1e-9));
        assertThat(table + json).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void aRoundThatUploadedNothingDoesNotSetTheWarmedUpTarget() {
        // As for the CPU from launch, "the same, warmed up" reads only rounds that uploaded their rows.
        BenchReport report = report(round(1, 0, 3.0, new WarmWindow(500_000, 4 * S, S / 2)),
                round(2, 1_000_000, 9.0, new WarmWindow(500_000, 4 * S, 3 * S)));

        assertThat(report.targetsForTest()).filteredOn(t -> t.name().equals("  the same, warmed up")).singleElement()
                .satisfies(t -> assertThat(t.measured()).isCloseTo(6.0, within(1e-9)));
    }
}
