package io.clickstream.producer.publish;

import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic progress line: counts, the rate over the last interval, and how long after its time the latest
 * event went (the run falls behind while a broker is away and {@code send()} blocks). Run from a timer
 * thread, so it keeps reporting while the publishing thread is blocked.
 */
public final class ProgressReporter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final DeliveryCounters counters;
    private final double targetRate;
    private final LongSupplier behindNanos;
    private final Ticker ticker;
    private long previousNanos;
    private long previousSent;
    private long previousCompleted;

    /**
     * @param targetRate the mean events per second the run is sized for, 0 when unlimited
     * @param behindNanos how long after its time the latest event went ({@link Pacer#behindNanos()})
     */
    public ProgressReporter(DeliveryCounters counters, double targetRate, LongSupplier behindNanos, Ticker ticker) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.targetRate = targetRate;
        this.behindNanos = Objects.requireNonNull(behindNanos, "behindNanos");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.previousNanos = ticker.nanoTime();
    }

    @Override
    public void run() {
        LOG.info(line());
    }

    /** The next line; advances the interval. */
    public synchronized String line() {
        long now = ticker.nanoTime();
        DeliveryCounters.Snapshot s = counters.snapshot();
        double seconds = Math.max(1e-9, (now - previousNanos) / 1e9);
        double rate = (s.sent() - previousSent) / seconds;
        boolean stalled = s.inFlight() > 0 && s.acked() + s.failed() == previousCompleted;
        previousNanos = now;
        previousSent = s.sent();
        previousCompleted = s.acked() + s.failed();
        var line = new StringBuilder(160).append(String.format(Locale.ROOT,
                "progress: sent=%,d acked=%,d failed=%,d in-flight=%,d rate=%,.0f/s",
                s.sent(), s.acked(), s.failed(), s.inFlight(), rate));
        if (targetRate > 0) {
            line.append(String.format(Locale.ROOT, " target=%,.0f/s", targetRate));
        }
        line.append(String.format(Locale.ROOT, " behind=%.1fs", behindNanos.getAsLong() / 1e9));
        if (stalled) {
            line.append(String.format(Locale.ROOT, " - nothing acknowledged for %.0fs: waiting for the broker", seconds));
        }
        return line.toString();
    }
}
