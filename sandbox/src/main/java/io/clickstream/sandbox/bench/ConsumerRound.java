package io.clickstream.sandbox.bench;

import java.time.Duration;

/**
 * Side B, one round: the consumer from start to "the group committed the end of every partition".
 *
 * @param mode "process" (a separate JVM running the consumer jar) or "in-process"
 * @param rows rows the consumer uploaded (must equal the events loaded)
 * @param jsonBytes the JSON (value) bytes of the records it consumed
 * @param wall from launch to lag 0, everything included
 * @param idleWait the part of the EXIT_WHEN_IDLE wait inside {@code wall} that the rate leaves out (see
 *     {@link IdleSplit}): the whole wait when the last files were flushed only at the idle exit, an artifact of
 *     a finite topic; zero when everything was committed during the wait
 * @param startup launch until partitions were assigned (JVM start, S3 check, group join); -1 ms if unknown
 * @param tail from the last record read until lag 0, without {@code idleWait} (closing, uploading, committing);
 *     -1 ms if unknown
 * @param cpu CPU time of the consumer, see {@code cpuMethod}
 * @param heapPeakBytes the most heap in use, see {@code memoryMethod}; -1 if unknown
 * @param rssPeakBytes the most resident memory (VmHWM), see {@code memoryMethod}; -1 if unknown
 * @param allocatedBytes heap allocated by the consumer from launch to its last garbage collection (from its GC
 *     log, see {@link GcLog}); -1 if unknown
 * @param files Parquet objects in the round's prefix
 * @param exitCode the consumer process's exit code, 0 in process
 * @param warm the rate and CPU per event once warmed up ({@link WarmWindow}); {@code null} if unknown (in process,
 *     or too few progress lines)
 * @param archiveRefused the consumer's JVM said it could not use the class-data archive or AOT cache it was given
 *     (it then starts without it)
 */
record ConsumerRound(int round, String mode, long rows, long jsonBytes, Duration wall, Duration idleWait, Duration startup,
        Duration tail, Duration cpu, String cpuMethod, long heapPeakBytes, long heapCommittedBytes, long rssPeakBytes,
        long allocatedBytes, String memoryMethod, long lakeBytes, int files, int exitCode, MachineLoad loadBefore, String jfrFile,
        WarmWindow warm, boolean archiveRefused) {

    /** A round whose JVM did not refuse an archive (or was given none). */
    ConsumerRound(int round, String mode, long rows, long jsonBytes, Duration wall, Duration idleWait, Duration startup,
            Duration tail, Duration cpu, String cpuMethod, long heapPeakBytes, long heapCommittedBytes, long rssPeakBytes,
            long allocatedBytes, String memoryMethod, long lakeBytes, int files, int exitCode, MachineLoad loadBefore,
            String jfrFile, WarmWindow warm) {
        this(round, mode, rows, jsonBytes, wall, idleWait, startup, tail, cpu, cpuMethod, heapPeakBytes, heapCommittedBytes,
                rssPeakBytes, allocatedBytes, memoryMethod, lakeBytes, files, exitCode, loadBefore, jfrFile, warm, false);
    }

    /** Rows per second from launch to lag 0, minus the idle wait. */
    double eventsPerSecond() {
        return rows / seconds();
    }

    double megabytesPerSecond() {
        return jsonBytes / 1e6 / seconds();
    }

    double cpuSecondsPerMillion() {
        return rows == 0 ? 0 : cpu.toNanos() / 1e9 / rows * 1e6;
    }

    /** Heap allocated per event consumed, in bytes; NaN if unknown. */
    double allocatedBytesPerEvent() {
        return allocatedBytes < 0 || rows == 0 ? Double.NaN : (double) allocatedBytes / rows;
    }

    double meanFileBytes() {
        return files == 0 ? 0 : (double) lakeBytes / files;
    }

    /**
     * From assignment until the last record was handled (the idle wait's start): the steady part of the
     * run, without start-up and final flush; {@code null} if the log did not tell.
     */
    Duration consuming() {
        if (startup.isNegative() || tail.isNegative()) {
            return null;
        }
        return wall.minus(startup).minus(idleWait).minus(tail);
    }

    /** Rows per second while {@link #consuming()}; NaN if unknown. */
    double steadyEventsPerSecond() {
        Duration d = consuming();
        return d == null ? Double.NaN : rows / Math.max(1e-9, d.toNanos() / 1e9);
    }

    Duration measured() {
        return wall.minus(idleWait);
    }

    private double seconds() {
        return Math.max(1e-9, measured().toNanos() / 1e9);
    }
}
