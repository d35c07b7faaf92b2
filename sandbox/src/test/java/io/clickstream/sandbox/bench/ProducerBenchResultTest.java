package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.sandbox.bench.ProducerBenchResult.Measurement;
import io.clickstream.sandbox.bench.ProducerBenchResult.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerBenchResultTest {
    private static Measurement run(Side side, int round, double seconds) {
        return new Measurement(side, round, 1_000_000, 461_000_000, Duration.ofMillis((long) (seconds * 1000)),
                Duration.ofMillis((long) (seconds * 1500)));
    }

    private static ProducerBenchResult result(double... secondsAB) {
        var runs = new ArrayList<Measurement>();
        for (int i = 0; i < secondsAB.length; i += 2) {
            runs.add(run(Side.PRODUCER, i / 2 + 1, secondsAB[i]));
            runs.add(run(Side.PLAIN_CLIENT, i / 2 + 1, secondsAB[i + 1]));
        }
        return new ProducerBenchResult(1_000_000, 42, Duration.ofSeconds(1), runs);
    }

    @Test
    void eachRoundComparesItsOwnAAndB() {
        // A takes 5 s, 4 s, 8 s; B 4 s, 2 s, 4 s: rounds 0.8, 0.5, 0.5 (CPU: 1.5 x the time, so 7.5 s per million for A1)
        ProducerBenchResult result = result(5, 4, 4, 2, 8, 4);
        assertThat(result.roundRatios()).containsExactly(0.8, 0.5, 0.5);
        assertThat(result.medianRoundRatio()).isEqualTo(0.5);
        // best against best: A's 4 s against B's 2 s
        assertThat(result.ratio()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        assertThat(result(5, 4, 4, 2).medianRoundRatio()).isCloseTo(0.65, within(1e-9));
    }

    @Test
    void aRoundWithoutItsBIsLeftOutAndNoRoundsGiveNaN() {
        var lonely = new ProducerBenchResult(1, 42, Duration.ofSeconds(1), List.of(run(Side.PRODUCER, 1, 2)));
        assertThat(lonely.roundRatios()).isEmpty();
        assertThat(lonely.medianRoundRatio()).isNaN();
    }

    @Test
    void theTableShowsEachRunsCpuAndTheRoundsRatios() {
        List<String> table = result(5, 4, 4, 2, 8, 4).table();
        assertThat(table).anySatisfy(line -> assertThat(line).startsWith("A producer").contains(" 1 ").endsWith(" 7.50"));
        assertThat(table).anySatisfy(line -> assertThat(line).contains("per round A/B: 0.80 0.50 0.50; median 0.50"));
    }
}
