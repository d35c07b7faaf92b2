package io.clickstream.sandbox.bench;

import java.time.Duration;

/**
 * How much of the consumer's {@code EXIT_WHEN_IDLE} wait lies inside a round's launch-to-lag-0 time, and
 * the tail after the last record was read. The wait begins when the last record was read and ends at the
 * consumer's "(EXIT_WHEN_IDLE)" line. A consumer that closes its files as soon as it has read a backlog
 * commits everything during the wait, so lag 0 comes first and none of the wait may be left out of the
 * rate (its uploads ran meanwhile); one that flushes only at the idle exit reaches lag 0 after the whole
 * wait, which is then left out. (Commits that began during the wait but end after the idle line count as
 * the second case: the uploads in the wait are then left out of the rate too.)
 *
 * @param counted the part of the wait before lag 0: what the rate leaves out
 * @param tail from the last record read until lag 0, without {@code counted} (closing, uploading,
 *     committing); -1 ms if the log did not tell
 */
record IdleSplit(Duration counted, Duration tail) {

    /**
     * @param lagEndNanos when the group's commits reached the end offsets ({@link System#nanoTime()})
     * @param idleLineNanos when the consumer logged its idle exit; negative if it did not
     * @param idleWait the consumer's EXIT_WHEN_IDLE
     */
    static IdleSplit of(long lagEndNanos, long idleLineNanos, Duration idleWait) {
        if (idleLineNanos < 0) {
            return new IdleSplit(Duration.ZERO, Duration.ofMillis(-1));
        }
        if (lagEndNanos < idleLineNanos) {
            // Everything was committed during the wait: the time since the last read was closing, uploading and committing.
            long lastRead = idleLineNanos - idleWait.toNanos();
            return new IdleSplit(Duration.ZERO, Duration.ofNanos(Math.max(0, lagEndNanos - lastRead)));
        }
        long counted = idleWait.toNanos();
        long tail = lagEndNanos - idleLineNanos;
        return new IdleSplit(Duration.ofNanos(counted), Duration.ofNanos(tail));
    }
}
