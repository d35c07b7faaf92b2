package io.clickstream.consumer.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code /health} and {@code /ready} report. The poll loop tells it each turn that it turned, whether
 * the consumer is in its group, how many partitions it holds and which are retrying an upload; uploads and
 * the S3 probe tell it whether S3 answered. The HTTP server's threads read it: every field is replaced
 * whole (volatile, immutable values), so no reader waits for the loop.
 */
public final class HealthState {
    /**
     * Alive while the loop turned this recently. The longest legitimate pause is a revocation's drain
     * (at most 60 s); a commit retried while Kafka is away can take longer, and a restart then costs nothing.
     */
    public static final Duration MAX_TURN_GAP = Duration.ofMinutes(2);
    /** Not ready while a partition has been retrying its upload longer than this: its data is not moving. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** Whether S3 answered the last request made to it (an upload, the start-up check or the probe). */
    public enum S3 {
        UNKNOWN, REACHABLE, UNREACHABLE
    }

    private final Clock clock;
    private volatile long lastTurnMillis;
    private volatile boolean joined;
    private volatile int assigned;
    private volatile S3 s3 = S3.UNKNOWN;
    /** Partition to when its upload first failed; replaced, never changed, so readers see a consistent map. */
    private volatile Map<String, Long> backoffSince = Map.of();

    public HealthState(Clock clock) {
        this.clock = clock;
        this.lastTurnMillis = clock.millis(); // starting counts as alive: the start-up checks beat it too
    }

    /** Start-up is making progress (each attempt to reach S3, for one). */
    public void alive() {
        lastTurnMillis = clock.millis();
    }

    /**
     * One turn of the poll loop; called on the poll thread only.
     *
     * @param joined the consumer is a member of its group (false while it has not joined, or was evicted)
     * @param assigned partitions it holds
     * @param retrying partitions waiting out an upload backoff
     * @param uploading partitions whose upload is running (a retry among them keeps its backoff time)
     */
    public void turned(boolean joined, int assigned, Set<String> retrying, Set<String> uploading) {
        long now = clock.millis();
        this.joined = joined;
        this.assigned = assigned;
        Map<String, Long> before = backoffSince;
        if (!retrying.isEmpty() || !before.isEmpty()) {
            Map<String, Long> next = new HashMap<>();
            before.forEach((partition, since) -> {
                if (retrying.contains(partition) || uploading.contains(partition)) {
                    next.put(partition, since);
                }
            });
            retrying.forEach(partition -> next.putIfAbsent(partition, now));
            if (!next.equals(before)) {
                backoffSince = Map.copyOf(next);
            }
        }
        lastTurnMillis = now;
    }

    public void s3(boolean reachable) {
        s3 = reachable ? S3.REACHABLE : S3.UNREACHABLE;
    }

    public Liveness liveness() {
        Duration gap = Duration.ofMillis(Math.max(0, clock.millis() - lastTurnMillis));
        return new Liveness(gap.compareTo(MAX_TURN_GAP) <= 0, gap);
    }

    public Readiness readiness() {
        long now = clock.millis();
        List<Readiness.Backoff> backoff = new ArrayList<>();
        boolean backoffTooLong = false;
        for (var entry : backoffSince.entrySet()) {
            long millis = now - entry.getValue();
            backoff.add(new Readiness.Backoff(entry.getKey(), millis / 1000));
            backoffTooLong |= millis > MAX_BACKOFF.toMillis();
        }
        backoff.sort(null);
        boolean isJoined = joined;
        S3 s3Now = s3;
        boolean ready = liveness().alive() && isJoined && s3Now == S3.REACHABLE && !backoffTooLong;
        return new Readiness(ready, isJoined, isJoined ? assigned : 0, s3Now, backoff);
    }
}
