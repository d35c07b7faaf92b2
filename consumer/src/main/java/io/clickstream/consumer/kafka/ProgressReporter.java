package io.clickstream.consumer.kafka;

import io.clickstream.consumer.metrics.ConsumerMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One progress line per interval, so a long run shows it is alive and how fast it goes. */
final class ProgressReporter {
    private static final Logger log = LoggerFactory.getLogger("io.clickstream.consumer.progress");

    private final ConsumerMetrics metrics;
    private final long intervalMillis;
    private long lastAt;
    private long lastConsumed;

    ProgressReporter(ConsumerMetrics metrics, Duration interval, long nowMillis) {
        this.metrics = metrics;
        this.intervalMillis = interval.toMillis();
        this.lastAt = nowMillis;
    }

    void maybeLog(long nowMillis, long bufferedBytes, int openFiles, int uncommittedPartitions, int paused, long lag) {
        if (nowMillis - lastAt < intervalMillis) {
            return;
        }
        long consumed = metrics.consumedCount();
        double rate = (consumed - lastConsumed) * 1000.0 / Math.max(1, nowMillis - lastAt);
        log.info("progress: consumed={} ({}/s) valid={} invalid={} files={} uploaded={} MB buffered={} MB open-files={} "
                        + "uncommitted-partitions={} paused={} lag={}",
                consumed, Math.round(rate), metrics.validCount(), metrics.invalidCount(), metrics.filesUploadedCount(),
                mb(metrics.bytesUploadedCount()), mb(bufferedBytes), openFiles, uncommittedPartitions, paused,
                lag < 0 ? "?" : Long.toString(lag));
        lastAt = nowMillis;
        lastConsumed = consumed;
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
