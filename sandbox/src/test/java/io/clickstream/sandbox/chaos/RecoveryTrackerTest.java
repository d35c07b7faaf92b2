package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.sandbox.chaos.RecoveryTracker.Cause;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecoveryTrackerTest {
    /** The topic's end offsets while the producer runs: far ahead of every commit. */
    private static final Map<Integer, Long> FAR_ENDS = Map.of(0, 1_000_000L, 1, 1_000_000L, 2, 1_000_000L);

    @Test
    void aKillRecoversWhenEveryPartitionItHeldHasANewCommit() {
        var tracker = new RecoveryTracker();
        int kill = tracker.outage(Cause.KILL, "chaos-1", 10_000, Set.of(0, 1));

        tracker.sample(10_100, 10_150, Map.of(0, 500L, 1, 700L, 2, 900L), FAR_ENDS); // the baseline
        tracker.sample(12_000, 12_050, Map.of(0, 800L, 1, 700L, 2, 1900L), FAR_ENDS); // partition 0 only
        assertThat(tracker.recovered(kill)).isFalse();
        tracker.sample(15_000, 15_080, Map.of(0, 800L, 1, 1200L, 2, 1900L), FAR_ENDS);

        assertThat(tracker.recovered(kill)).isTrue();
        assertThat(tracker.recoveryMillis(kill)).hasValue(5_080); // when the showing sample was answered
    }

    @Test
    void aSampleSentBeforeTheKillIsNoBaselineSoTheVictimsOwnLastCommitDoesNotCountAsRecovery() {
        var tracker = new RecoveryTracker();
        int kill = tracker.outage(Cause.KILL, "chaos-1", 10_000, Set.of(0));
        tracker.sample(9_900, 10_020, Map.of(0, 500L), FAR_ENDS); // sent before the kill: ignored
        tracker.sample(10_500, 10_520, Map.of(0, 600L), FAR_ENDS); // the victim's commit just before it died
        assertThat(tracker.recovered(kill)).isFalse();
        tracker.sample(18_000, 18_030, Map.of(0, 601L), FAR_ENDS);
        assertThat(tracker.recoveryMillis(kill)).hasValue(8_030);
    }

    @Test
    void aPartitionWithNothingLeftToCommitCountsAsRecovered() {
        var tracker = new RecoveryTracker();
        int kill = tracker.outage(Cause.KILL, "chaos-2", 50_000, Set.of(1, 2));
        // partition 1 fully committed, partition 2 empty and never committed
        tracker.sample(50_200, 50_300, Map.of(1, 4_000L), Map.of(1, 4_000L, 2, 0L));
        assertThat(tracker.recoveryMillis(kill)).hasValue(300);
    }

    @Test
    void anOutageOfAConsumerThatHeldNothingIsCountedApartAndNotInTheFigures() {
        var tracker = new RecoveryTracker();
        int kill = tracker.outage(Cause.KILL, "chaos-3", 1_000, Set.of());
        assertThat(tracker.recovered(kill)).isTrue();
        RecoveryReport report = tracker.report();
        assertThat(report.heldNothing()).isEqualTo(1);
        assertThat(report.kills().outages()).isZero();
    }

    @Test
    void theReportSeparatesRestartsInPlaceFromReplacementsAndZombiesAndCountsTheUnrecovered() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 1_000, Set.of(0)); // restarted in place, recovers in 3 s
        tracker.outage(Cause.KILL, "chaos-2", 1_000, Set.of(1)); // not restarted, recovers in 12 s
        tracker.outage(Cause.PAUSE, "chaos-3", 1_000, Set.of(2)); // a zombie, taken over in 14 s
        tracker.outage(Cause.KILL, "chaos-4", 1_000, Set.of(0, 3)); // partition 3 is never committed again
        tracker.restartedInPlace("chaos-1");
        tracker.restartedInPlace("chaos-9"); // a slot never killed: nothing to mark

        Map<Integer, Long> ends = Map.of(0, 99L, 1, 99L, 2, 99L, 3, 99L);
        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L, 2, 10L, 3, 10L), ends);
        tracker.sample(4_000, 4_000, Map.of(0, 20L, 1, 10L, 2, 10L, 3, 10L), ends);
        tracker.sample(13_000, 13_000, Map.of(0, 20L, 1, 20L, 2, 10L, 3, 10L), ends);
        tracker.sample(15_000, 15_000, Map.of(0, 20L, 1, 20L, 2, 20L, 3, 10L), ends);

        RecoveryReport report = tracker.report();
        assertThat(report.all().restartedInPlace().recoveredMillis()).containsExactly(3_000L);
        assertThat(report.all().replaced().recoveredMillis()).containsExactly(12_000L);
        assertThat(report.all().replaced().unrecovered()).isEqualTo(1);
        assertThat(report.all().zombies().recoveredMillis()).containsExactly(14_000L);
        assertThat(report.heldNothing()).isZero();
        assertThat(report.kills().outages()).isEqualTo(3);
        assertThat(report.kills().recoveredMillis()).containsExactly(3_000L, 12_000L);
    }

    @Test
    void theLatestKillOfASlotIsTheOneItsRestartAnswers() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 1_000, Set.of(0));
        tracker.outage(Cause.KILL, "chaos-1", 30_000, Set.of(1));
        tracker.restartedInPlace("chaos-1");
        tracker.sample(30_500, 30_500, Map.of(0, 10L, 1, 10L), FAR_ENDS);
        tracker.sample(33_000, 33_000, Map.of(0, 20L, 1, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.all().restartedInPlace().recoveredMillis()).containsExactly(3_000L);
        assertThat(report.all().replaced().recoveredMillis()).containsExactly(32_000L);
    }

    @Test
    void killsWhoseRecoveryOverlapsAStackFaultAreLeftOutOfTheClearFigures() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 1_000, Set.of(0)); // recovers at 4 s, before S3 goes down
        tracker.stackFaultStarted(5_000);
        tracker.outage(Cause.KILL, "chaos-2", 6_000, Set.of(1)); // killed during the outage
        tracker.stackFaultEnded(9_000);
        tracker.outage(Cause.KILL, "chaos-3", 2_000, Set.of(2)); // killed before, recovers after it

        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(4_000, 4_000, Map.of(0, 20L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(6_500, 6_500, Map.of(0, 20L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(11_000, 11_000, Map.of(0, 20L, 1, 20L, 2, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.kills().recoveredMillis()).containsExactly(3_000L, 5_000L, 9_000L);
        assertThat(report.clearOfStackFaults().kills().recoveredMillis()).containsExactly(3_000L);
    }

    @Test
    void aStackFaultStillOpenOverlapsEveryLaterRecovery() {
        var tracker = new RecoveryTracker();
        tracker.stackFaultStarted(5_000);
        tracker.outage(Cause.PAUSE, "chaos-1", 20_000, Set.of(0));
        tracker.sample(20_100, 20_100, Map.of(0, 10L), FAR_ENDS);
        tracker.sample(30_000, 30_000, Map.of(0, 20L), FAR_ENDS);
        assertThat(tracker.report().all().zombies().recoveredMillis()).containsExactly(10_000L);
        assertThat(tracker.report().clearOfStackFaults().zombies().outages()).isZero();
    }

    @Test
    void percentilesAreNearestRankAndP95OfFewValuesIsTheMaximum() {
        var stats = RecoveryStats.of(List.of(9_000L, 1_000L, 4_000L, 2_000L, 3_000L, 5_000L, 6_000L, 7_000L, 8_000L,
                10_000L), 0);
        assertThat(stats.recoveredMillis()).startsWith(1_000L, 2_000L);
        assertThat(stats.p50Millis()).isEqualTo(5_000);
        assertThat(stats.p95Millis()).isEqualTo(10_000);
        assertThat(stats.maxMillis()).isEqualTo(10_000);
        assertThat(stats.percentileMillis(0.1)).isEqualTo(1_000);

        var twenty = RecoveryStats.of(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList(), 0);
        assertThat(twenty.p95Millis()).isEqualTo(19);
        assertThat(twenty.p50Millis()).isEqualTo(10);

        assertThat(RecoveryStats.of(List.of(), 0).p95Millis()).isEqualTo(-1);
        assertThatThrownBy(() -> stats.percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStatsLineGivesCountPercentilesAndTheUnrecovered() {
        assertThat(RecoveryStats.of(List.of(4_100L, 8_000L), 1).describe("kills"))
                .isEqualTo(" 3 kills: p50   4.1 s, p95   8.0 s, max   8.0 s; 1 NOT committed again by the end of the run");
        assertThat(RecoveryStats.of(List.of(), 0).describe("kills")).isEqualTo("none");
        assertThat(RecoveryStats.of(List.of(), 2).describe("pauses"))
                .isEqualTo(" 2 pauses: 2 NOT committed again by the end of the run");
    }

    @Test
    void theDrainEndsAtTheFirstSampleSentAfterTheLastFaultThatShowsEveryRecordCommitted() {
        var tracker = new RecoveryTracker();
        tracker.sample(1_000, 1_100, Map.of(0, 50L, 1, 50L), Map.of(0, 50L, 1, 50L)); // caught up, producer not done
        tracker.sample(5_000, 5_100, Map.of(0, 90L, 1, 100L), Map.of(0, 100L, 1, 100L));
        tracker.sample(5_400, 5_600, Map.of(0, 100L, 1, 100L), Map.of(0, 100L, 1, 100L)); // sent before the fault
        tracker.sample(6_000, 6_200, Map.of(0, 100L), Map.of(0, 100L, 1, 100L)); // partition 1 never committed
        tracker.sample(6_500, 6_700, Map.of(0, 100L, 1, 100L), Map.of(0, 100L, 1, 100L));

        assertThat(tracker.fullyCommittedAfter(5_500, 200)).hasValue(6_700);
        assertThat(tracker.fullyCommittedAfter(0, 200)).as("the producer's last record counts").hasValue(5_600);
        assertThat(tracker.fullyCommittedAfter(7_000, 200)).isEmpty();
    }

    @Test
    void theTableHasALinePerOutageWithItsRecoveryOrNothingIfItDidNotRecover() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 10_000, Set.of(1, 0));
        tracker.restartedInPlace("chaos-1");
        tracker.outage(Cause.PAUSE, "chaos-2", 11_000, Set.of(2));
        tracker.sample(10_500, 10_600, Map.of(0, 5L, 1, 5L, 2, 5L), Map.of(0, 9L, 1, 9L, 2, 9L));
        tracker.sample(14_000, 14_100, Map.of(0, 9L, 1, 9L, 2, 5L), Map.of(0, 9L, 1, 9L, 2, 9L));

        assertThat(tracker.table()).containsExactly(
                "at\tcause\tslot\trestarted_in_place\tpartitions\trecovery_ms\toverlaps_s3_or_broker_fault"
                        + "\toverlaps_zombie_pause\toverlapping_outages",
                "00:10.0\tKILL\tchaos-1\ttrue\t[0, 1]\t4100\tfalse\ttrue\t1",
                "00:11.0\tPAUSE\tchaos-2\tfalse\t[2]\t\tfalse\tfalse\t1");
    }

    /**
     * A kill of a consumer that held nothing yet (one mid-join) while another recovers is a kill too: its dead
     * membership holds the group's next rebalance until its session timeout. The recovery it overlapped is not one
     * "alone" (no other kill until it had recovered), and the table counts it among the overlapping outages.
     */
    @Test
    void aKillOfAConsumerHoldingNothingDuringARecoveryMeansThatRecoveryWasNotAlone() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 1_000, Set.of(0));
        tracker.restartedInPlace("chaos-1");
        tracker.outage(Cause.KILL, "chaos-2", 4_000, Set.of()); // mid-join, while chaos-1's partition waits

        tracker.sample(1_100, 1_100, Map.of(0, 10L), FAR_ENDS);
        tracker.sample(9_000, 9_000, Map.of(0, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.all().restartedInPlace().recoveredMillis()).containsExactly(8_000L);
        assertThat(report.heldNothing()).isEqualTo(1);
        assertThat(report.alone().restartedInPlace().outages()).isZero();
        assertThat(tracker.table()).element(1).asString().endsWith("\t8000\tfalse\tfalse\t1");
    }

    @Test
    void aRecoveryInProgressWhenAZombieIsThawedIsNotAloneThoughTheZombiesPartitionsWereCommittedBefore() {
        var tracker = new RecoveryTracker();
        int zombie = tracker.outage(Cause.PAUSE, "chaos-1", 1_000, Set.of(0));
        tracker.outage(Cause.KILL, "chaos-2", 8_000, Set.of(1)); // recovers at 12 s
        tracker.restartedInPlace("chaos-2");

        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L), FAR_ENDS);
        tracker.sample(5_000, 5_000, Map.of(0, 20L, 1, 10L), FAR_ENDS); // the zombie's partitions taken over
        tracker.sample(8_100, 8_100, Map.of(0, 20L, 1, 10L), FAR_ENDS);
        tracker.resumed(zombie, 10_000); // SIGCONT: it rejoins while chaos-2 recovers
        tracker.sample(12_000, 12_000, Map.of(0, 20L, 1, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.all().restartedInPlace().recoveredMillis()).containsExactly(4_000L);
        assertThat(report.alone().restartedInPlace().outages()).isZero();
    }

    @Test
    void aRecoveryAloneOverlapsNoOtherOutageAndNoStackFault() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 1_000, Set.of(0)); // alone: recovers at 3 s
        tracker.restartedInPlace("chaos-1");
        tracker.outage(Cause.KILL, "chaos-2", 5_000, Set.of(1)); // a second kill while it recovers
        tracker.restartedInPlace("chaos-2");
        tracker.outage(Cause.KILL, "chaos-3", 6_000, Set.of(2));
        tracker.restartedInPlace("chaos-3");
        tracker.outage(Cause.KILL, "chaos-4", 12_000, Set.of()); // held nothing: overlaps nothing
        tracker.stackFaultStarted(20_000);
        tracker.stackFaultEnded(21_000);
        tracker.outage(Cause.KILL, "chaos-5", 19_000, Set.of(3)); // S3 down while it recovers
        tracker.restartedInPlace("chaos-5");

        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L, 2, 10L, 3, 10L), FAR_ENDS);
        tracker.sample(3_000, 3_000, Map.of(0, 20L, 1, 10L, 2, 10L, 3, 10L), FAR_ENDS);
        tracker.sample(5_100, 5_100, Map.of(0, 20L, 1, 10L, 2, 10L, 3, 10L), FAR_ENDS);
        tracker.sample(6_100, 6_100, Map.of(0, 20L, 1, 10L, 2, 10L, 3, 10L), FAR_ENDS);
        tracker.sample(11_000, 11_000, Map.of(0, 20L, 1, 20L, 2, 20L, 3, 10L), FAR_ENDS);
        tracker.sample(19_100, 19_100, Map.of(0, 20L, 1, 20L, 2, 20L, 3, 10L), FAR_ENDS);
        tracker.sample(22_000, 22_000, Map.of(0, 20L, 1, 20L, 2, 20L, 3, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.all().restartedInPlace().recoveredMillis()).containsExactly(2_000L, 3_000L, 5_000L, 6_000L);
        assertThat(report.clearOfStackFaults().restartedInPlace().recoveredMillis()).containsExactly(2_000L, 5_000L, 6_000L);
        assertThat(report.alone().restartedInPlace().recoveredMillis()).containsExactly(2_000L);
    }

    @Test
    void aKillOverlappingAZombiePauseIsLeftOutOfTheFiguresClearOfPausesButKeptInThoseClearOfStackFaults() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.PAUSE, "chaos-1", 1_000, Set.of(0)); // taken over at 5 s
        tracker.outage(Cause.KILL, "chaos-2", 4_000, Set.of(1)); // killed while the zombie's partition waits
        tracker.restartedInPlace("chaos-2");
        tracker.outage(Cause.KILL, "chaos-3", 10_000, Set.of(2)); // after the zombie was taken over
        tracker.restartedInPlace("chaos-3");

        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(4_100, 4_100, Map.of(0, 10L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(5_000, 5_000, Map.of(0, 20L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(7_000, 7_000, Map.of(0, 20L, 1, 20L, 2, 10L), FAR_ENDS);
        tracker.sample(10_100, 10_100, Map.of(0, 20L, 1, 20L, 2, 10L), FAR_ENDS);
        tracker.sample(12_000, 12_000, Map.of(0, 20L, 1, 20L, 2, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.clearOfStackFaults().restartedInPlace().recoveredMillis()).containsExactly(2_000L, 3_000L);
        assertThat(report.clearOfStackFaultsAndPauses().restartedInPlace().outages()).isEqualTo(1);
        assertThat(report.clearOfStackFaultsAndPauses().restartedInPlace().recoveredMillis()).containsExactly(2_000L);
        assertThat(report.clearOfStackFaultsAndPauses().zombies().recoveredMillis())
                .as("a pause does not overlap itself").containsExactly(4_000L);
        assertThat(tracker.table()).extracting(line -> line.split("\t")[7])
                .containsExactly("overlaps_zombie_pause", "false", "true", "false");
    }

    @Test
    void aZombieNeverTakenOverOverlapsEveryKillAfterItsPauseUntilTheEndOfTheRun() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 1_000, Set.of(0)); // recovers at 3 s, before the pause
        tracker.outage(Cause.PAUSE, "chaos-2", 5_000, Set.of(1)); // its partition is never committed again
        tracker.outage(Cause.KILL, "chaos-3", 60_000, Set.of(2)); // long after the pause, recovers at 62 s

        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(3_000, 3_000, Map.of(0, 20L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(5_100, 5_100, Map.of(0, 20L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(60_100, 60_100, Map.of(0, 20L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(62_000, 62_000, Map.of(0, 20L, 1, 10L, 2, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.clearOfStackFaults().replaced().recoveredMillis()).containsExactly(2_000L, 2_000L);
        assertThat(report.clearOfStackFaultsAndPauses().replaced().outages()).isEqualTo(1);
        assertThat(report.clearOfStackFaultsAndPauses().replaced().recoveredMillis()).containsExactly(2_000L);
        assertThat(tracker.table()).element(3).asString().endsWith("\t2000\tfalse\ttrue\t1");
    }

    @Test
    void aKillOverlappingOnlyAnotherKillStaysInTheFiguresClearOfPausesThoughItIsNotAlone() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 1_000, Set.of(0)); // recovers at 4 s
        tracker.restartedInPlace("chaos-1");
        tracker.outage(Cause.KILL, "chaos-2", 2_000, Set.of(1)); // killed while chaos-1 recovers; recovers at 6 s

        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L), FAR_ENDS);
        tracker.sample(2_100, 2_100, Map.of(0, 10L, 1, 10L), FAR_ENDS);
        tracker.sample(4_000, 4_000, Map.of(0, 20L, 1, 10L), FAR_ENDS);
        tracker.sample(6_000, 6_000, Map.of(0, 20L, 1, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.clearOfStackFaultsAndPauses().restartedInPlace().recoveredMillis()).containsExactly(3_000L);
        assertThat(report.clearOfStackFaultsAndPauses().replaced().recoveredMillis()).containsExactly(4_000L);
        assertThat(report.clearOfStackFaultsAndPauses().kills().outages()).isEqualTo(2);
        assertThat(report.alone().kills().outages()).isZero();
        assertThat(tracker.table()).extracting(line -> line.split("\t")[7]).containsExactly("overlaps_zombie_pause",
                "false", "false");
    }

    @Test
    void aKillOverlappingTheS3OutageIsLeftOutOfTheFiguresClearOfPauses() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 1_000, Set.of(0)); // S3 goes down while it recovers; recovers at 6 s
        tracker.stackFaultStarted(3_000);
        tracker.stackFaultEnded(5_000);
        tracker.outage(Cause.KILL, "chaos-2", 10_000, Set.of(1)); // recovers at 12 s

        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L), FAR_ENDS);
        tracker.sample(6_000, 6_000, Map.of(0, 20L, 1, 10L), FAR_ENDS);
        tracker.sample(10_100, 10_100, Map.of(0, 20L, 1, 10L), FAR_ENDS);
        tracker.sample(12_000, 12_000, Map.of(0, 20L, 1, 20L), FAR_ENDS);

        RecoveryReport report = tracker.report();
        assertThat(report.all().kills().recoveredMillis()).containsExactly(2_000L, 5_000L);
        assertThat(report.clearOfStackFaultsAndPauses().kills().outages()).isEqualTo(1);
        assertThat(report.clearOfStackFaultsAndPauses().kills().recoveredMillis()).containsExactly(2_000L);
    }

    @Test
    void theSummaryPrintsTheKillsClearOfPausesRightAfterThoseClearOfStackFaultsWithoutAZombieLine() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.PAUSE, "chaos-1", 1_000, Set.of(0)); // taken over at 5 s
        tracker.outage(Cause.KILL, "chaos-2", 4_000, Set.of(1)); // overlaps the pause: 3 s
        tracker.restartedInPlace("chaos-2");
        tracker.outage(Cause.KILL, "chaos-3", 10_000, Set.of(2)); // clear of it: 2 s
        tracker.restartedInPlace("chaos-3");
        tracker.sample(1_100, 1_100, Map.of(0, 10L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(4_100, 4_100, Map.of(0, 10L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(5_000, 5_000, Map.of(0, 20L, 1, 10L, 2, 10L), FAR_ENDS);
        tracker.sample(7_000, 7_000, Map.of(0, 20L, 1, 20L, 2, 10L), FAR_ENDS);
        tracker.sample(10_100, 10_100, Map.of(0, 20L, 1, 20L, 2, 10L), FAR_ENDS);
        tracker.sample(12_000, 12_000, Map.of(0, 20L, 1, 20L, 2, 20L), FAR_ENDS);
        var result = new ChaosResult(1, java.time.Duration.ofMinutes(1), Membership.STATIC, "static",
                new java.util.EnumMap<>(FaultKind.class), 0, 0, 0, 3, 0, 0, tracker.report(), List.of(), 0, "none", null, java.time.Duration.ZERO,
                java.time.Duration.ZERO, null, List.of(), List.of(), java.nio.file.Path.of("run"));

        List<String> lines = result.describe().lines().toList();
        int clear = lines.indexOf(
                "  clear of the S3 outage and the broker restart (nobody can commit while S3 or Kafka is down):");
        assertThat(lines.subList(clear + 5, clear + 10)).containsExactly(
                "  clear of those and of zombie pauses (a frozen consumer's partitions wait for its session timeout):",
                "    restarted in place (same slot / instance id)   :  1 kills: p50   2.0 s, p95   2.0 s, max   2.0 s",
                "    not restarted in place (others took over)      : none",
                "    all kills                                      :  1 kills: p50   2.0 s, p95   2.0 s, max   2.0 s",
                "  alone (no other kill, pause, S3 outage or broker restart until it had recovered):");
    }

    @Test
    void thePartitionsStillRecoveringAreThoseOfOutagesNotCommittedAgainYet() {
        var tracker = new RecoveryTracker();
        tracker.outage(Cause.KILL, "chaos-1", 10_000, Set.of(0, 1));
        tracker.outage(Cause.KILL, "chaos-2", 10_500, Set.of(2));
        assertThat(tracker.unrecoveredPartitions()).containsExactly(0, 1, 2);

        tracker.sample(11_000, 11_100, Map.of(0, 5L, 1, 5L, 2, 5L), Map.of(0, 9L, 1, 9L, 2, 9L));
        tracker.sample(12_000, 12_100, Map.of(0, 7L, 1, 5L, 2, 6L), Map.of(0, 9L, 1, 9L, 2, 9L));

        assertThat(tracker.unrecoveredPartitions()).as("partition 0 and outage 2 are committed again").containsExactly(1);
    }

    @Test
    void theCommittedOffsetAsItStoodWhenAnUploadWasLoggedIgnoresSamplesAnsweredAfterIt() {
        var tracker = new RecoveryTracker();
        tracker.sample(1_000, 1_040, Map.of(1, 78_712L), FAR_ENDS);
        // the upload of 78712..81540 is logged at 1,500 and committed at once; the run reads the line at 1,900
        tracker.sample(1_500, 1_560, Map.of(1, 81_541L), FAR_ENDS);

        assertThat(tracker.committedAnsweredBy(1, 1_500)).isEqualTo(78_712L);
        assertThat(tracker.committedAnsweredBy(1, 1_900)).isEqualTo(81_541L);
        assertThat(tracker.committedAnsweredBy(1, 999)).isNull();
        assertThat(tracker.committedAnsweredBy(7, 1_900)).isNull();
    }
}
