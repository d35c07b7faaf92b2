package io.clickstream.consumer;

import static io.clickstream.consumer.ConsumerConfig.BUFFER_MAX_BYTES;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.Units;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code BUFFER_MAX_BYTES} against the JVM's maximum heap, at start-up: a heap cap (-Xmx, a container's memory limit
 * through {@code MaxRAMPercentage}) too small for the budget would let the open files fill the heap under load,
 * and the consumer would die of {@code OutOfMemoryError} over and over, replaying the same records each time.
 *
 * <p>The heap a budget needs: the open files (the budget itself), a poll's records waiting for the intake (a quarter
 * of it, {@code KafkaClients.pollMaxBytes}) and {@link #OTHER_BYTES} for the rest (Kafka's fetch buffers, the S3
 * client, the intake's queues). A budget that was set and does not fit is refused, naming both; the default is
 * lowered to what the heap holds, with a line that says so.
 */
final class HeapFit {
    private static final Logger log = LoggerFactory.getLogger(HeapFit.class);
    private static final long MB = 1L << 20;
    /** What the consumer holds besides its open files and a poll, about. */
    static final long OTHER_BYTES = 64 * MB;
    /** Below this the lowered default is refused too: files would close after a few hundred kilobytes each. */
    static final long MIN_BUDGET = 16 * MB;

    private HeapFit() {
    }

    /** The heap {@code budget} needs. */
    static long heapNeeded(long budget) {
        return budget + budget / 4 + OTHER_BYTES;
    }

    /** The largest budget, in whole megabytes, that a heap of {@code maxHeap} holds. */
    static long budgetFor(long maxHeap) {
        return Math.max(0, (maxHeap - OTHER_BYTES) * 4 / 5) / MB * MB;
    }

    /**
     * The JVM's maximum heap as set: {@code -Xmx}, or what {@code -XX:MaxRAMPercentage} made of the machine's or the
     * container's memory. Not {@link Runtime#maxMemory()}: the Serial and Parallel collectors leave a survivor space
     * out of that (362.5 MB for {@code -Xmx384m} under Parallel), so a user who gave the heap the message asked for
     * would be asked again. Where the JVM does not tell ({@code MaxHeapSize} is HotSpot's; a runtime without the
     * {@code jdk.management} module), {@code maxMemory()}.
     */
    static long configuredMaxHeap() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (bean != null) {
                return Long.parseLong(bean.getVMOption("MaxHeapSize").getValue());
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no jdk.management: the heap the runtime reports
        }
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * The budget to use: {@code budget} as read when the heap holds it (or has no limit), else the largest the heap
     * holds when {@code BUFFER_MAX_BYTES} was not set, else the budget as read with a problem reported on {@code r}.
     *
     * A value already refused (not a size, out of range, empty) is one problem, not two.
     *
     * @param maxHeap the JVM's maximum heap ({@link #configuredMaxHeap()}; {@code Long.MAX_VALUE}: no limit)
     */
    static long budget(ConfigReader r, Map<String, String> values, long budget, long maxHeap) {
        long fits = budgetFor(maxHeap);
        if (maxHeap == Long.MAX_VALUE || budget <= fits || r.hasProblem(BUFFER_MAX_BYTES)) {
            return budget;
        }
        String given = values.get(BUFFER_MAX_BYTES.env());
        if (given != null && !given.isBlank()) {
            r.problem(BUFFER_MAX_BYTES, given.trim(), "does not fit the JVM's maximum heap of " + size(maxHeap)
                    + " (-Xmx, or -XX:MaxRAMPercentage of the container's memory): the open files hold up to "
                    + "BUFFER_MAX_BYTES, a poll a quarter of it, and the rest of the consumer about "
                    + size(OTHER_BYTES) + ", " + size(heapNeeded(budget)) + " in all. "
                    + (fits >= MIN_BUDGET ? "Set it to at most " + Units.formatBytes(fits) + ", or give" : "Give")
                    + " the JVM a heap of at least " + size(heapNeeded(budget)));
            return budget;
        }
        if (fits < MIN_BUDGET) {
            r.problem(BUFFER_MAX_BYTES, null, "the JVM's maximum heap of " + size(maxHeap)
                    + " is too small for the consumer: give it at least " + size(heapNeeded(MIN_BUDGET))
                    + " (-Xmx, or -XX:MaxRAMPercentage of the container's memory), for a BUFFER_MAX_BYTES of "
                    + Units.formatBytes(MIN_BUDGET));
            return budget;
        }
        log.info("BUFFER_MAX_BYTES is not set: {} instead of its default {}, to fit the JVM's maximum heap of {} "
                        + "(open files, a poll of a quarter of that, about {} besides)",
                Units.formatBytes(fits), Units.formatBytes(budget), size(maxHeap), size(OTHER_BYTES));
        return fits;
    }

    /** Whole megabytes, rounded up. */
    private static String size(long bytes) {
        return (bytes + MB - 1) / MB + " MB";
    }
}
