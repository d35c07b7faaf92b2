package io.clickstream.consumer.hours;

import io.clickstream.consumer.metrics.ConsumerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the hours that became complete and marks them: every {@code HOUR_CHECK_INTERVAL} on its own
 * thread while the consumer runs (two Admin calls, then S3 only for hours not yet marked), once more
 * after the final drain, and over a given range for {@code --finalize-hours}. Any consumer of the group
 * may do it; they agree, because completeness is read from the group's commits, not from local state.
 */
public final class HourFinalizer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HourFinalizer.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final GroupProgress.Source progress;
    private final HourMarker marker;
    private final HourSettings settings;
    private final Clock clock;
    private final ConsumerMetrics metrics;
    private final ScheduledExecutorService timer;
    /** Every hour before this one is marked, or has nothing to mark. */
    private Instant doneBefore = Instant.MIN;
    private final Set<Instant> warned = new HashSet<>();
    private volatile Instant firstIncomplete = Instant.MIN;
    private List<Integer> lastMissing = List.of();

    public HourFinalizer(GroupProgress.Source progress, HourMarker marker, HourSettings settings, Clock clock,
            ConsumerMetrics metrics) {
        this.progress = progress;
        this.marker = marker;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "hour-markers");
            t.setDaemon(true);
            return t;
        });
        if (metrics != null) {
            metrics.bindHours(this::newestCompleteEpochSeconds, this::oldestIncompleteAgeSeconds);
        }
    }

    /** Checks every {@code HOUR_CHECK_INTERVAL} from now on. */
    public void start() {
        long every = settings.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** One check now on the marker thread, waited for at most {@code timeout} (after the final drain); never throws. */
    public void checkBefore(Duration timeout) {
        var check = timer.submit(this::checkQuietly);
        try {
            check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            check.cancel(true);
            log.warn("hour markers: the last check did not finish within {}; the next consumer's check writes them", timeout);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            log.debug("hour markers: last check: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One check now, on the caller's thread; never throws. */
    public synchronized void checkQuietly() {
        try {
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("hour markers: check failed, tried again in {}: {}", settings.checkInterval(), describe(e));
        }
    }

    /** Marks the complete hours of the lookback window not yet marked; returns what it did. */
    public synchronized List<HourMarker.Result> check() throws Exception {
        GroupProgress group = progress.read();
        Instant first = HourCompleteness.firstIncompleteHour(group.watermarks(), group.graces(), group.partitions(),
                clock.millis(), settings.grace());
        firstIncomplete = first;
        var results = new ArrayList<HourMarker.Result>();
        List<Integer> missing = group.withoutWatermark();
        if (!missing.equals(lastMissing)) {
            if (!missing.isEmpty()) {
                log.warn("hour markers: no hour can complete while partitions {} have no committed watermark (no commit "
                        + "by this version yet; a partition without records gets one once it has been quiet for {})",
                        missing, settings.idle());
            }
            lastMissing = missing;
        }
        if (first.equals(Instant.MIN)) {
            return results;
        }
        Instant from = first.minus(settings.lookback()).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        if (doneBefore.isAfter(from)) {
            from = doneBefore;
        }
        boolean contiguous = true;
        for (Instant hour = from; hour.isBefore(first); hour = hour.plus(HOUR)) {
            HourMarker.Result result = markLogged(hour, group);
            results.add(result);
            contiguous &= result.outcome() != HourMarker.Outcome.INCONSISTENT;
            if (contiguous) {
                doneBefore = hour.plus(HOUR);
            }
        }
        return results;
    }

    /**
     * {@code --finalize-hours}: marks every complete hour of {@code [from, to]} (hour starts) that has files; an
     * hour not complete yet is reported as such (result null).
     */
    public synchronized List<HourMarker.Result> finalizeRange(Instant from, Instant to, List<Instant> notComplete) throws Exception {
        GroupProgress group = progress.read();
        Instant first = HourCompleteness.firstIncompleteHour(group.watermarks(), group.graces(), group.partitions(),
                clock.millis(), settings.grace());
        var results = new ArrayList<HourMarker.Result>();
        for (Instant hour = from; !hour.isAfter(to); hour = hour.plus(HOUR)) {
            if (hour.isBefore(first)) {
                results.add(markLogged(hour, group));
            } else {
                notComplete.add(hour);
            }
        }
        return results;
    }

    /** The first hour not complete by the group's last commits (the one the check found), or MIN. */
    public Instant firstIncompleteHour() {
        return firstIncomplete;
    }

    private HourMarker.Result markLogged(Instant hour, GroupProgress group) {
        HourMarker.Result result = marker.mark(hour, group.offsets());
        switch (result.outcome()) {
            case MARKED -> {
                HourManifest m = result.manifest();
                log.info("hour {} complete: wrote {}{} ({} files, {} rows, {} bytes{})", hour, marker.folder(hour),
                        HourMarker.SUCCESS, m.files().size(), m.rows(), m.bytes(),
                        m.orphans().isEmpty() ? "" : ", " + m.orphans().size() + " orphan(s) listed");
                if (metrics != null) {
                    metrics.hourMarked();
                }
            }
            case INCONSISTENT -> {
                if (warned.add(hour)) {
                    log.warn("hour {} is complete by the group's offsets but not marked: {}", hour, result.problem());
                }
            }
            default -> log.debug("hour {}: {}", hour, result.outcome());
        }
        return result;
    }

    private double newestCompleteEpochSeconds() {
        Instant first = firstIncomplete;
        return first.equals(Instant.MIN) ? 0 : first.minus(HOUR).getEpochSecond();
    }

    private double oldestIncompleteAgeSeconds() {
        Instant first = firstIncomplete;
        return first.equals(Instant.MIN) ? 0 : Math.max(0, (clock.millis() - first.toEpochMilli()) / 1000.0);
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "Kafka did not answer in time (unreachable?)";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Stops the periodic check, and closes the source of the group's progress if it holds a client. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            if (progress instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("closing the hour markers' Kafka client: {}", e.getMessage());
        }
    }
}
