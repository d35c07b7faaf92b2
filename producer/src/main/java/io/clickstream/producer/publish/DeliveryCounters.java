package io.clickstream.producer.publish;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sent, acknowledged and failed records. Written by the publishing thread and the Kafka I/O thread
 * (callbacks), read by the progress reporter: all atomic.
 */
public final class DeliveryCounters {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> failuresByError = new ConcurrentHashMap<>();
    private final AtomicReference<String> fatalError = new AtomicReference<>();

    /** A consistent-enough view for a progress line. */
    public record Snapshot(long sent, long acked, long failed) {
        public long inFlight() {
            return Math.max(0, sent - acked - failed);
        }
    }

    void sent() {
        sent.incrementAndGet();
    }

    void acked() {
        acked.incrementAndGet();
    }

    /** @return {@code true} when this is the first failure of this kind of error (worth a log line) */
    boolean failed(String errorType) {
        failed.incrementAndGet();
        return failuresByError.computeIfAbsent(errorType, k -> new AtomicLong()).getAndIncrement() == 0;
    }

    void fatal(String description) {
        fatalError.compareAndSet(null, description);
    }

    public long sentCount() {
        return sent.get();
    }

    public long ackedCount() {
        return acked.get();
    }

    public long failedCount() {
        return failed.get();
    }

    /** The first error after which sending makes no sense (authorization, a closed producer), or {@code null}. */
    public String fatalError() {
        return fatalError.get();
    }

    public Map<String, Long> failuresByError() {
        var copy = new TreeMap<String, Long>();
        failuresByError.forEach((error, count) -> copy.put(error, count.get()));
        return copy;
    }

    public Snapshot snapshot() {
        // acked and failed first: a record counted there was counted as sent before, so in-flight never goes negative
        long a = acked.get();
        long f = failed.get();
        return new Snapshot(sent.get(), a, f);
    }
}
