package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.GroupOffsets.OffsetsUnavailableException;
import java.time.Duration;

/**
 * Removes the consumer group's members after kills, as an operator who knows the processes are gone would; only
 * with {@code --evict-after-kill}, off by default.
 *
 * <p>A member killed with -9 keeps its partitions until its session times out ({@code KAFKA_SESSION_TIMEOUT}),
 * and with the classic protocol every rebalance meanwhile waits for it. A real deployment has no one to evict
 * members: the consumer itself must recover (static membership, a short session timeout), and the run measures
 * whether it does. Evicting stays available to compare against. After an eviction the live members join again
 * within seconds, having lost their uncommitted work: one more replay the lake must survive. While the broker is
 * down, the eviction waits until it is back.
 */
final class GroupEviction {
    private static final long RETRY_NANOS = 2_000_000_000L;

    private final boolean enabled;
    private final Duration sessionTimeout;
    private final GroupOffsets offsets;
    private final StackFaults stack;
    private final FaultLog log;
    /** A kill happened while the broker was down, or an eviction failed: evict as soon as it can work. */
    private boolean pending;
    private long lastAttemptNanos;

    GroupEviction(ChaosOptions options, GroupOffsets offsets, StackFaults stack, FaultLog log) {
        this.enabled = options.evictAfterKill();
        this.sessionTimeout = options.consumerSessionTimeout();
        this.offsets = offsets;
        this.stack = stack;
        this.log = log;
    }

    /** Evicts every member now, or as soon as the broker is back; nothing if the run does not evict. */
    void evict() {
        if (!enabled) {
            return;
        }
        if (!stack.brokerUp()) {
            pending = true;
            return;
        }
        lastAttemptNanos = System.nanoTime();
        try {
            int removed = offsets.evictAll();
            pending = false;
            if (removed > 0) {
                log.fault(FaultKind.GROUP_EVICTION, "evict the group's " + removed + " member(s), so the dead ones'"
                        + " partitions move now rather than after their " + seconds(sessionTimeout) + " session timeout");
            }
        } catch (OffsetsUnavailableException e) {
            pending = true;
            log.note("(eviction failed, will retry: " + e.getMessage() + ")");
        }
    }

    /** Tries a pending eviction again, at most every two seconds, once the broker is up. */
    void retryIfDue() {
        if (pending && stack.brokerUp() && System.nanoTime() - lastAttemptNanos > RETRY_NANOS) {
            evict();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
