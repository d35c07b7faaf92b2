package io.clickstream.producer.publish;

import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic progress line: counts, the rate over the last interval, and how far behind the target
 * rate the run is (it falls behind while a broker is away and {@code send()} blocks). Run from a timer
 * thread, so it keeps reporting while the publishing thread is blocked.
 */
public final class ProgressReporter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final DeliveryCounters counters;
    private final double targetRate;
    private final Ticker ticker;
    private final long startNanos;
    private long previousNanos;
    private long previousSent;
    private long previousCompleted;

    /** @param targetRate events per second, 0 when unlimited */
    public ProgressReporter(DeliveryCounters counters, double targetRate, Ticker ticker) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.targetRate = targetRate;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.startNanos = ticker.nanoTime();
        this.previousNanos = startNanos;
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
            double target = targetRate * (now - startNanos) / 1e9;
            long lag = Math.max(0, Math.round(target - s.sent()));
            line.append(String.format(Locale.ROOT, " target=%,.0f/s lag=%,d", targetRate, lag));
        }
        if (stalled) {
            line.append(String.format(Locale.ROOT, " - nothing acknowledged for %.0fs: waiting for the broker", seconds));
        }
        return line.toString();
    }
}
