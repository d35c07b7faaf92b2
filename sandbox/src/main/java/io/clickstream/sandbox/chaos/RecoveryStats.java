package io.clickstream.sandbox.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Recovery times of one kind of outage (kills whose slot was restarted in place, kills answered by new consumers,
 * zombie pauses): how many there were, how long each took until its partitions were committed again, and how many
 * never got there before the run ended.
 *
 * @param outages outages of this kind whose consumer held partitions
 * @param recoveredMillis recovery times of those that recovered, ascending
 * @param unrecovered those whose partitions were not all committed again by the end of the run
 */
public record RecoveryStats(int outages, List<Long> recoveredMillis, int unrecovered) {

    public RecoveryStats {
        List<Long> sorted = new ArrayList<>(recoveredMillis);
        Collections.sort(sorted);
        recoveredMillis = List.copyOf(sorted);
    }

    static RecoveryStats of(List<Long> recoveredMillis, int unrecovered) {
        return new RecoveryStats(recoveredMillis.size() + unrecovered, recoveredMillis, unrecovered);
    }

    /** Both kinds together. */
    RecoveryStats plus(RecoveryStats other) {
        List<Long> all = new ArrayList<>(recoveredMillis);
        all.addAll(other.recoveredMillis);
        return new RecoveryStats(outages + other.outages, all, unrecovered + other.unrecovered);
    }

    /**
     * The nearest-rank percentile ({@code p} in (0, 1]) of the recovered ones: the smallest time that at least that
     * share of them did not exceed. -1 if none recovered. With few values p95 is the maximum, as it should be.
     */
    long percentileMillis(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in (0, 1], got " + p);
        }
        if (recoveredMillis.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p * recoveredMillis.size());
        return recoveredMillis.get(Math.max(1, rank) - 1);
    }

    long p50Millis() {
        return percentileMillis(0.50);
    }

    long p95Millis() {
        return percentileMillis(0.95);
    }

    long maxMillis() {
        return recoveredMillis.isEmpty() ? -1 : recoveredMillis.get(recoveredMillis.size() - 1);
    }

    /** {@code 6 kills: p50 4.1 s, p95 8.0 s, max 8.0 s}, plus those not recovered. */
    String describe(String noun) {
        if (outages == 0) {
            return "none";
        }
        var s = new StringBuilder(String.format(Locale.ROOT, "%2d %s", outages, noun));
        if (!recoveredMillis.isEmpty()) {
            s.append(String.format(Locale.ROOT, ": p50 %5.1f s, p95 %5.1f s, max %5.1f s", p50Millis() / 1000.0,
                    p95Millis() / 1000.0, maxMillis() / 1000.0));
        }
        if (unrecovered > 0) {
            s.append(String.format(Locale.ROOT, "%s%d NOT committed again by the end of the run",
                    recoveredMillis.isEmpty() ? ": " : "; ", unrecovered));
        }
        return s.toString();
    }
}
