package io.clickstream.producer.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ranks 1..n with P(k) proportional to 1/k^s, sampled by binary search over the cumulative
 * weights (8 bytes per rank, built once). Exponent 0 is uniform.
 */
public final class ZipfDistribution {
    private final double[] cumulative;

    public ZipfDistribution(int n, double exponent) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be a finite number >= 0: " + exponent);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1.0 / Math.pow(k, exponent);
            cumulative[k - 1] = sum;
        }
    }

    public int size() {
        return cumulative.length;
    }

    /** A rank in 1..n. */
    public int sample(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        int index = i >= 0 ? i + 1 : -i - 1; // u == cumulative[i] belongs to the next rank
        return Math.min(index, cumulative.length - 1) + 1;
    }

    public double probability(int rank) {
        double below = rank == 1 ? 0 : cumulative[rank - 2];
        return (cumulative[rank - 1] - below) / cumulative[cumulative.length - 1];
    }
}
