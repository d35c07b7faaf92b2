package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16's targets in the bench report: which figure each reads, and when it counts as met. */
class BenchReportTargetsTest {
    private static final MachineLoad LOAD = new MachineLoad(0.5, 0.5, 0.5);

    /** One consumer round of 1,000,000 rows taking {@code cpuSeconds} of CPU, started in {@code startup}. */
    private static ConsumerRound round(int number, double cpuSeconds, Duration startup, long lakeBytes) {
        return new ConsumerRound(number, "java -jar", 1_000_000, 460_000_000, Duration.ofSeconds(10), Duration.ofSeconds(5),
                startup, Duration.ofMillis(200), Duration.ofMillis((long) (cpuSeconds * 1000)), "cpu", 100L << 20, 200L << 20,
                400L << 20, 4_000_000_000L, "memory", lakeBytes, 12, 0, LOAD, null, null);
    }

    private static BenchReport report(List<String> jvmOptions, ConsumerRound... rounds) {
        var options = new PipelineBench.Options(1_000_000, 12, rounds.length, 42, PipelineBench.Mode.IN_PROCESS,
                null, jvmOptions, Map.of(), Duration.ofSeconds(5), 0, null,
                Duration.ofMinutes(1), null);
        var loaded = new TopicLoader.Loaded(1_000_000, 10_000_000, 460_000_000, Duration.ofSeconds(1));
        var read = new RawReader.Read(1, 1_000_000, 10_000_000, 460_000_000, Duration.ofSeconds(1), Duration.ofMillis(500), LOAD);
        var result = new PipelineBench.Result(options, LOAD, LOAD, loaded, List.of(read), List.of(rounds), null,
                "skipped (test)", 1L << 30, null, null, "skipped (test)");
        return new BenchReport(result, "sandbox bench");
    }

    private static BenchReport.Target target(BenchReport report, String name) {
        return report.targetsForTest().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theCpuTargetReadsTheBestRoundAgainstSevenSecondsPerMillion() {
        BenchReport report = report(List.of(), round(1, 9.0, Duration.ofSeconds(2), 30_000_000),
                round(2, 6.5, Duration.ofSeconds(2), 30_000_000));

        BenchReport.Target cpu = target(report, "consumer CPU per M events");

        assertThat(cpu.measured()).isEqualTo(6.5);
        assertThat(cpu.goal()).isEqualTo(7.0);
        assertThat(cpu.met()).isTrue();
        assertThat(target(report(List.of(), round(1, 7.5, Duration.ofSeconds(2), 30_000_000)), "consumer CPU per M events").met())
                .isFalse();
    }

    /** {@link #round} with a warmed-up window of 500,000 events taking {@code warmCpuSeconds} of CPU in 2 s. */
    private static ConsumerRound warmRound(int number, double cpuSeconds, double warmCpuSeconds) {
        ConsumerRound r = round(number, cpuSeconds, Duration.ofSeconds(2), 30_000_000);
        return new ConsumerRound(r.round(), r.mode(), r.rows(), r.jsonBytes(), r.wall(), r.idleWait(), r.startup(), r.tail(),
                r.cpu(), r.cpuMethod(), r.heapPeakBytes(), r.heapCommittedBytes(), r.rssPeakBytes(), r.allocatedBytes(),
                r.memoryMethod(), r.lakeBytes(), r.files(), r.exitCode(), r.loadBefore(), r.jfrFile(),
                new WarmWindow(500_000, 2_000_000_000L, (long) (warmCpuSeconds * 1e9)));
    }

    @Test
    void theWarmedUpCpuIsShownBesideTheCpuFromLaunchWhichStillDecidesItsOwnLine() {
        BenchReport report = report(List.of(), warmRound(1, 12.0, 3.4), warmRound(2, 11.0, 3.6));

        BenchReport.Target fromLaunch = target(report, "consumer CPU per M events");
        BenchReport.Target warm = target(report, "  the same, warmed up");

        assertThat(fromLaunch.measured()).isEqualTo(11.0);
        assertThat(fromLaunch.met()).isFalse();
        assertThat(warm.measured()).isCloseTo(6.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(warm.goal()).isEqualTo(7.0);
        assertThat(warm.met()).isTrue();
        assertThat(String.join("\n", report.table())).contains("warmed up (25-90 % of the topic) 250,000 events/s at 6.80 CPU s/M;");
    }

    @Test
    void withoutAWarmedUpWindowThereIsNoWarmedUpLine() {
        BenchReport report = report(List.of(), round(1, 9.0, Duration.ofSeconds(2), 30_000_000));

        assertThat(report.targetsForTest()).noneMatch(t -> t.name().contains("warmed up"));
    }

    @Test
    void theLakeTargetIsEightHundredthsOfTheJsonInTheWorstRound() {
        BenchReport.Target lake = target(report(List.of(), round(1, 6, Duration.ofSeconds(2), 36_800_000),
                round(2, 6, Duration.ofSeconds(2), 42_320_000)), "lake bytes / JSON bytes");

        assertThat(lake.measured()).isEqualTo(0.092);
        assertThat(lake.goal()).isEqualTo(0.08);
        assertThat(lake.met()).isFalse();
    }

    @Test
    void theStartUpTargetIsMetOnlyWithTheClassDataArchive() {
        ConsumerRound fast = round(1, 6, Duration.ofMillis(800), 30_000_000);

        BenchReport.Target withArchive = target(report(List.of("-XX:SharedArchiveFile=/tmp/c.jsa"), fast), "consumer start-up");
        BenchReport.Target without = target(report(List.of(), fast), "consumer start-up");

        assertThat(withArchive.measured()).isEqualTo(0.8);
        assertThat(withArchive.met()).isTrue();
        assertThat(without.met()).isFalse();
        assertThat(without.note()).contains("-XX:SharedArchiveFile");
        assertThat(report(List.of(), fast).table()).anyMatch(line -> line.matches(" +consumer start-up +0\\.80 s +<= +1\\.00 s +MISS .*"));
    }

    @Test
    void javaTwentyFivesAotCacheCountsAsTheArchiveForTheStartUpTarget() {
        ConsumerRound fast = round(1, 9.0, Duration.ofMillis(800), 30_000_000);

        BenchReport.Target withCache = target(report(List.of("-XX:AOTCache=/tmp/consumer.aot"), fast), "consumer start-up");

        assertThat(withCache.met()).isTrue();
        assertThat(withCache.note()).contains("AOT cache");
    }

    @Test
    void anArchiveTheConsumersJvmRefusedDoesNotMeetTheStartUpTargetAndTheNoteSaysWhichRound() {
        ConsumerRound kept = round(1, 9.0, Duration.ofMillis(800), 30_000_000);
        ConsumerRound r = round(2, 9.0, Duration.ofMillis(700), 30_000_000);
        ConsumerRound refused = new ConsumerRound(r.round(), r.mode(), r.rows(), r.jsonBytes(), r.wall(), r.idleWait(),
                r.startup(), r.tail(), r.cpu(), r.cpuMethod(), r.heapPeakBytes(), r.heapCommittedBytes(), r.rssPeakBytes(),
                r.allocatedBytes(), r.memoryMethod(), r.lakeBytes(), r.files(), r.exitCode(), r.loadBefore(), r.jfrFile(),
                r.warm(), true);

        BenchReport.Target startup = target(report(List.of("-XX:AOTCache=/tmp/consumer.aot"), kept, refused), "consumer start-up");

        assertThat(startup.met()).isFalse();
        assertThat(startup.note()).contains("refused the archive or cache in round(s) [2]");
    }

    @Test
    void aRoundWhoseLogDidNotTellItsStartUpGivesNoStartUpTarget() {
        BenchReport report = report(List.of(), round(1, 6, Duration.ofMillis(-1), 30_000_000));

        assertThat(report.targetsForTest()).noneMatch(t -> t.name().equals("consumer start-up"));
    }

    @Test
    void aRoundThatConsumedNothingDoesNotMeetTheCpuTargetWithZeroSecondsPerMillion() {
        ConsumerRound empty = new ConsumerRound(1, "java -jar", 0, 0, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(3), "cpu", 100L << 20, 200L << 20,
                400L << 20, -1, "memory", 30_000_000, 0, 1, LOAD, null, null);

        BenchReport.Target cpu = target(report(List.of(), empty, round(2, 9.0, Duration.ofSeconds(2), 30_000_000)),
                "consumer CPU per M events");

        assertThat(cpu.measured()).isEqualTo(9.0);
        assertThat(cpu.met()).isFalse();
    }
}
