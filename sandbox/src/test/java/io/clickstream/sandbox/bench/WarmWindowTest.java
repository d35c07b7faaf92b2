package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.sandbox.bench.WarmWindow.Cpu;
import io.clickstream.sandbox.bench.WarmWindow.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmWindowTest {
    private static final long S = 1_000_000_000L;

    /** A CPU sample every 100 ms from 0 to {@code seconds}, the CPU time growing as {@code cpuPerSecond} says. */
    private static List<Cpu> cpu(int seconds, java.util.function.LongUnaryOperator cpuAtMillis) {
        List<Cpu> samples = new ArrayList<>();
        for (long ms = 0; ms <= seconds * 1000L; ms += 100) {
            samples.add(new Cpu(ms * 1_000_000, cpuAtMillis.applyAsLong(ms)));
        }
        return samples;
    }

    @Test
    void theWindowRunsFromTheFirstLineAtAQuarterToTheLastAtNineTenthsAndLeavesTheWarmUpOut() {
        // 1,000 events: slow and costly for 4 s (JIT), then 100 events a second at 0.5 CPU s a second.
        List<Progress> progress = List.of(new Progress(1 * S, 10), new Progress(4 * S, 200), new Progress(5 * S, 300),
                new Progress(6 * S, 400), new Progress(11 * S, 900), new Progress(12 * S, 1_000));
        List<Cpu> cpu = cpu(12, ms -> ms <= 4_000 ? ms * 2_000_000 : 8 * S + (ms - 4_000) * 500_000);

        WarmWindow warm = WarmWindow.of(progress, cpu, 1_000);

        assertThat(warm).isEqualTo(new WarmWindow(600, 6 * S, 3 * S));
        assertThat(warm.eventsPerSecond()).isCloseTo(100.0, within(1e-9));
        assertThat(warm.cpuSecondsPerMillion()).isCloseTo(5_000.0, within(1e-6));
    }

    @Test
    void theCpuTimeAtALineBetweenTwoSamplesIsInterpolated() {
        List<Progress> progress = List.of(new Progress(S + 50_000_000, 300), new Progress(4 * S + 50_000_000, 800));
        List<Cpu> cpu = List.of(new Cpu(S, 1_000), new Cpu(S + 100_000_000, 2_000), new Cpu(4 * S, 5_000),
                new Cpu(4 * S + 100_000_000, 7_000));

        WarmWindow warm = WarmWindow.of(progress, cpu, 1_000);

        assertThat(warm.cpuNanos()).isEqualTo(6_000 - 1_500);
    }

    @Test
    void tooFewProgressLinesGiveNoWindow() {
        List<Cpu> cpu = cpu(10, ms -> ms * 1_000_000);

        assertThat(WarmWindow.of(List.of(), cpu, 1_000)).isNull();
        assertThat(WarmWindow.of(List.of(new Progress(2 * S, 500)), cpu, 1_000)).as("one line").isNull();
        assertThat(WarmWindow.of(List.of(new Progress(2 * S, 100), new Progress(6 * S, 950)), cpu, 1_000))
                .as("none between a quarter and nine tenths").isNull();
        assertThat(WarmWindow.of(List.of(new Progress(2 * S, 500), new Progress(6 * S, 500)), cpu, 1_000))
                .as("no events between them").isNull();
    }

    @Test
    void linesOutsideTheCpuSamplesGiveNoWindow() {
        List<Progress> progress = List.of(new Progress(2 * S, 300), new Progress(20 * S, 800));

        assertThat(WarmWindow.of(progress, cpu(10, ms -> ms), 1_000)).as("the process was gone by the second line").isNull();
        assertThat(WarmWindow.of(progress, List.of(), 1_000)).isNull();
    }

    @Test
    void aLineExactlyOnTheLastSampleIsCovered() {
        List<Progress> progress = List.of(new Progress(S, 300), new Progress(4 * S, 800));
        List<Cpu> cpu = List.of(new Cpu(S, 10), new Cpu(4 * S, 110));

        assertThat(WarmWindow.of(progress, cpu, 1_000)).isEqualTo(new WarmWindow(500, 3 * S, 100));
    }

    @Test
    void aWindowShorterThanThreeSecondsIsNoWarmedUpFigure() {
        List<Cpu> cpu = cpu(10, ms -> ms * 1_000_000);

        assertThat(WarmWindow.of(List.of(new Progress(2 * S, 300), new Progress(5 * S - 1, 800)), cpu, 1_000)).isNull();
        assertThat(WarmWindow.of(List.of(new Progress(2 * S, 300), new Progress(5 * S, 800)), cpu, 1_000))
                .isEqualTo(new WarmWindow(500, 3 * S, 3 * S));
    }
}
