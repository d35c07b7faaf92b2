package io.clickstream.sandbox.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** This JVM's CPU time (all its threads), where the platform tells it. */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** CPU nanoseconds used by this JVM so far, or -1 when the platform does not say. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time since {@code startNanos} (from {@link #nanos()}); zero when either reading is unknown. */
    static Duration since(long startNanos) {
        long now = nanos();
        return startNanos < 0 || now < 0 ? Duration.ZERO : Duration.ofNanos(now - startNanos);
    }
}
