package io.clickstream.sandbox.chaos;

/**
 * How long the group took to commit again the partitions of consumers that died or froze: from the kill (or the
 * SIGSTOP) until every partition the consumer held had a new commit, or nothing left to commit.
 *
 * @param restartedInPlace kills whose slot was restarted with the same instance id (a container restart)
 * @param replaced kills whose slot was not restarted: new consumers or the survivors took over
 * @param zombies consumers paused past their session timeout: until the others had committed their partitions
 * @param heldNothing kills and pauses of consumers that held no partitions then (not in the figures)
 */
public record RecoveryReport(RecoveryStats restartedInPlace, RecoveryStats replaced, RecoveryStats zombies,
        int heldNothing) {

    /** Kills of both kinds. */
    public RecoveryStats kills() {
        return restartedInPlace.plus(replaced);
    }
}
