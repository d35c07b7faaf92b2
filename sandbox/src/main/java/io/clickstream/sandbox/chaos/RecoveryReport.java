package io.clickstream.sandbox.chaos;

/**
 * How long the group took to commit again the partitions of consumers that died or froze: from the kill (or the
 * SIGSTOP) until every partition the consumer held had a new commit, or nothing left to commit.
 *
 * @param all every kill and pause of a consumer that held partitions
 * @param clearOfStackFaults those whose recovery did not overlap the S3 outage or the broker restart: while S3 or
 *     Kafka is down nobody can commit, however fast the group hands partitions over
 * @param clearOfStackFaultsAndPauses those of {@code clearOfStackFaults} whose recovery did not overlap a zombie
 *     pause either (from its SIGSTOP until the others had committed its partitions, or the end of the run if they
 *     never did): a frozen member's partitions cannot move before its session timeout, and under the classic
 *     protocol its expiry triggers a group-wide rebalance, so a kill that overlaps a pause measures the zombie, not
 *     the restart. Other kills do not exclude one here (that is what {@code alone} is for)
 * @param alone those whose recovery overlapped no other fault at all: no S3 outage or broker restart, and no
 *     other kill or pause of a consumer (even of one holding nothing: a member killed mid-join holds the group's
 *     next rebalance until its session timeout) between its own start and the end of its recovery,
 *     nor one still recovering when it began. The recovery from one fault by itself: what the consumer and the
 *     group protocol take, without the dead members, zombies and second kills of a crowded schedule
 * @param heldNothing kills and pauses of consumers that held no partitions then (not in the figures)
 */
public record RecoveryReport(Figures all, Figures clearOfStackFaults, Figures clearOfStackFaultsAndPauses, Figures alone,
        int heldNothing) {

    /**
     * @param restartedInPlace kills whose slot was restarted with the same instance id (a container restart)
     * @param replaced kills whose slot was not restarted: new consumers or the survivors took over
     * @param zombies consumers paused past their session timeout: until the others had committed their partitions
     */
    public record Figures(RecoveryStats restartedInPlace, RecoveryStats replaced, RecoveryStats zombies) {

        /** Kills of both kinds. */
        public RecoveryStats kills() {
            return restartedInPlace.plus(replaced);
        }
    }

    /** Every kill of a consumer that held partitions. */
    public RecoveryStats kills() {
        return all.kills();
    }
}
