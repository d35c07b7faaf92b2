package io.clickstream.sandbox.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One run of the producer jar in its own JVM ({@link ChildProducer}).
 *
 * @param jar the jar that ran
 * @param events the events it was told to send, all found in the topic's end offsets
 * @param wall from launch to exit: JVM start-up, the broker's metadata and the final flush included
 * @param cpu its CPU time (all threads, JIT and GC included) at the last sample before it exited
 * @param peakRssBytes its resident memory's high-water mark ({@code VmHWM}); -1 if unknown
 * @param allocatedBytes heap it allocated up to its last garbage collection ({@link GcLog}); -1 if unknown
 * @param log its output
 */
record ProducerChildRun(Path jar, long events, Duration wall, Duration cpu, long peakRssBytes, long allocatedBytes,
        Path log) {

    /** Events per second from launch to exit. */
    double eventsPerSecond() {
        return events / Math.max(1e-9, wall.toNanos() / 1e9);
    }

    /** Heap allocated per event sent, in bytes; NaN if unknown. */
    double allocatedBytesPerEvent() {
        return allocatedBytes < 0 || events == 0 ? Double.NaN : (double) allocatedBytes / events;
    }
}
