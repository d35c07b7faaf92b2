package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfDistributionTest {

    @Test
    void sampledFrequenciesFollowOneOverRankToTheExponent() {
        var zipf = new ZipfDistribution(1000, 1.1);
        var random = new SplittableRandom(3);
        int samples = 500_000;
        int[] counts = new int[1001];
        for (int i = 0; i < samples; i++) {
            counts[zipf.sample(random)]++;
        }
        for (int rank = 1; rank <= 10; rank++) {
            double expected = zipf.probability(rank);
            assertThat((double) counts[rank] / samples).as("rank %d", rank).isCloseTo(expected, within(expected * 0.05));
        }
        assertThat(zipf.probability(1) / zipf.probability(2)).isCloseTo(Math.pow(2, 1.1), within(1e-9));
    }

    @Test
    void probabilitiesSumToOneAndSamplesStayInRange() {
        var zipf = new ZipfDistribution(50, 0.8);
        double sum = 0;
        for (int rank = 1; rank <= 50; rank++) {
            sum += zipf.probability(rank);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        var random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            assertThat(zipf.sample(random)).isBetween(1, 50);
        }
    }

    @Test
    void exponentZeroIsUniform() {
        var zipf = new ZipfDistribution(4, 0);
        assertThat(zipf.probability(1)).isCloseTo(0.25, within(1e-12));
        assertThat(zipf.probability(4)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void rejectsAnEmptyCatalogOrANegativeExponent() {
        assertThatThrownBy(() -> new ZipfDistribution(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfDistribution(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
