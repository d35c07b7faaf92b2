package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

    private static ChaosOptions options(Duration duration, long seed) {
        return ChaosOptions.defaults(duration, seed, Path.of("target", "chaos-test"), ChaosJars.in(Path.of("repo")));
    }

    @Test
    void theSameSeedDrawsTheSameSchedule() {
        assertThat(ChaosPlan.generate(options(Duration.ofMinutes(2), 7)))
                .isEqualTo(ChaosPlan.generate(options(Duration.ofMinutes(2), 7)));
    }

    @Test
    void anotherSeedDrawsAnotherSchedule() {
        assertThat(ChaosPlan.generate(options(Duration.ofMinutes(2), 7)).steps())
                .isNotEqualTo(ChaosPlan.generate(options(Duration.ofMinutes(2), 8)).steps());
    }

    @Test
    void killsComeOnePerKillIntervalInWavesFromFifteenSecondsToShortlyBeforeTheEnd() {
        ChaosPlan plan = ChaosPlan.generate(options(Duration.ofMinutes(2), 1));
        // 15 s .. 108 s at one kill per 8 s; a wave's later kills follow its first within a second each
        assertThat(plan.count(ChaosPlan.KillConsumer.class)).isEqualTo(12);
        long inPlace = plan.steps().stream().filter(s -> s.action() instanceof ChaosPlan.KillConsumer k
                && k.restartsInPlace()).count();
        assertThat(plan.count(ChaosPlan.StartConsumer.class)).as("a new consumer for each kill not restarted in place")
                .isEqualTo(12 - inPlace);
        assertThat(plan.steps()).filteredOn(s -> s.action() instanceof ChaosPlan.KillConsumer)
                .allSatisfy(s -> assertThat(s.at()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(110)));
        assertThat(plan.waves()).isBetween(4, 6);
    }

    @Test
    void byDefaultNothingIsEvicted() {
        ChaosPlan plan = ChaosPlan.generate(options(Duration.ofMinutes(2), 1));
        assertThat(plan.count(ChaosPlan.EvictGroup.class)).isZero();
        assertThat(plan.count(ChaosPlan.KillConsumer.class)).isEqualTo(12);
    }

    @Test
    void withEvictionEveryWaveIsFollowedByAnEviction() {
        ChaosPlan plan = ChaosPlan.generate(options(Duration.ofMinutes(2), 1).withEvictAfterKill(true));
        assertThat(plan.count(ChaosPlan.EvictGroup.class)).isEqualTo(plan.waves());
        assertThat(plan.count(ChaosPlan.KillConsumer.class)).isEqualTo(12);
    }

    @Test
    void theKillsMixRestartsInPlaceSoonAfterWithNewConsumersAfterTheWave() {
        long inPlace = 0;
        long all = 0;
        for (long seed = 0; seed < 100; seed++) {
            ChaosPlan plan = ChaosPlan.generate(options(Duration.ofMinutes(2), seed));
            List<ChaosPlan.KillConsumer> kills = plan.steps().stream().map(ChaosPlan.Step::action)
                    .filter(a -> a instanceof ChaosPlan.KillConsumer).map(a -> (ChaosPlan.KillConsumer) a).toList();
            inPlace += kills.stream().filter(ChaosPlan.KillConsumer::restartsInPlace).count();
            all += kills.size();
            assertThat(kills).filteredOn(ChaosPlan.KillConsumer::restartsInPlace).allSatisfy(k -> assertThat(
                    k.restartAfter()).isBetween(ChaosPlan.RESTART_DELAY_MIN, ChaosPlan.RESTART_DELAY_MAX));
            assertThat(plan.steps()).filteredOn(s -> s.action() instanceof ChaosPlan.StartConsumer)
                    .allSatisfy(s -> assertThat(((ChaosPlan.StartConsumer) s.action()).inPlace()).isFalse());
        }
        // IN_PLACE_SHARE of them restart in the killed consumer's slot, the others are replaced in a new one
        assertThat((double) inPlace / all).isBetween(ChaosOptions.DEFAULT_IN_PLACE_SHARE - 0.07, ChaosOptions.DEFAULT_IN_PLACE_SHARE + 0.07);
    }

    @Test
    void withEveryKillRestartedInPlaceNoNewConsumerIsScheduled() {
        ChaosPlan plan = ChaosPlan.generate(options(Duration.ofMinutes(2), 4242).withInPlaceShare(1));
        assertThat(plan.steps()).filteredOn(s -> s.action() instanceof ChaosPlan.KillConsumer)
                .hasSize(12).allSatisfy(s -> assertThat(((ChaosPlan.KillConsumer) s.action()).restartsInPlace()).isTrue());
        assertThat(plan.count(ChaosPlan.StartConsumer.class)).isZero();
        assertThat(ChaosPlan.generate(options(Duration.ofMinutes(2), 4242).withInPlaceShare(0)).count(
                ChaosPlan.StartConsumer.class)).isEqualTo(12);
    }

    @Test
    void theTwoMinuteRunOfTheIssueSeedHasRestartsInPlaceNewConsumersAndZombies() {
        ChaosPlan plan = ChaosPlan.generate(options(Duration.ofMinutes(2), 4242));
        assertThat(plan.steps()).anySatisfy(s -> assertThat(s.action())
                .isInstanceOfSatisfying(ChaosPlan.KillConsumer.class, k -> assertThat(k.restartsInPlace()).isTrue()));
        assertThat(plan.steps()).anySatisfy(s -> assertThat(s.action())
                .isInstanceOfSatisfying(ChaosPlan.StartConsumer.class, c -> assertThat(c.inPlace()).isFalse()));
        assertThat(plan.count(ChaosPlan.PauseConsumer.class)).isEqualTo(2);
    }

    @Test
    void aboutOneZombiePauseAMinuteEachEndingBeforeThePhaseDoes() {
        for (long seed = 0; seed < 100; seed++) {
            for (Duration d : List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
                    Duration.ofMinutes(10))) {
                ChaosOptions options = options(d, seed);
                ChaosPlan plan = ChaosPlan.generate(options);
                long expected = Math.max(1, Math.round(d.toSeconds() / 60.0));
                assertThat(plan.count(ChaosPlan.PauseConsumer.class)).as("%s, seed %d", d, seed).isEqualTo(expected);
                // Two session timeouts (the pause, then the others' takeover) and a few seconds fit after the
                // pause, wherever the phase is long enough for that.
                Duration latest = d.minus(options.consumerSessionTimeout().multipliedBy(2)).minusSeconds(5);
                assertThat(plan.steps()).filteredOn(s -> s.action() instanceof ChaosPlan.PauseConsumer)
                        .allSatisfy(s -> assertThat(s.at()).isPositive()
                                .isLessThanOrEqualTo(latest.compareTo(d.dividedBy(3)) > 0 ? latest : d.dividedBy(3)));
            }
        }
    }

    @Test
    void aPauseInsideAWaveDoesNotSplitIt() {
        var kill = new ChaosPlan.KillConsumer(false, 0.5, new ConsumerMode.Clean(), null);
        var plan = new ChaosPlan(1, Duration.ofMinutes(1), List.of(new ConsumerMode.Clean()), List.of(
                new ChaosPlan.Step(Duration.ofSeconds(20), kill),
                new ChaosPlan.Step(Duration.ofSeconds(21), new ChaosPlan.PauseConsumer(0.1)),
                new ChaosPlan.Step(Duration.ofSeconds(22), kill),
                new ChaosPlan.Step(Duration.ofSeconds(24), new ChaosPlan.StartConsumer(new ConsumerMode.Clean(), true)),
                new ChaosPlan.Step(Duration.ofSeconds(40), kill)));
        assertThat(plan.waves()).isEqualTo(2);
    }

    @Test
    void everyScheduleHasOneS3OutageWithBothPhasesAndOneBrokerRestartInsideThePhase() {
        for (long seed = 0; seed < 200; seed++) {
            for (Duration d : List.of(Duration.ofSeconds(30), Duration.ofSeconds(70), Duration.ofMinutes(10))) {
                ChaosPlan plan = ChaosPlan.generate(options(d, seed));
                assertThat(plan.count(ChaosPlan.FailS3.class)).isEqualTo(1);
                assertThat(plan.count(ChaosPlan.StopS3.class)).isEqualTo(1);
                assertThat(plan.count(ChaosPlan.StartS3.class)).isEqualTo(1);
                assertThat(plan.count(ChaosPlan.StopBroker.class)).isEqualTo(1);
                assertThat(plan.count(ChaosPlan.StartBroker.class)).isEqualTo(1);
                assertThat(plan.firstAt(ChaosPlan.FailS3.class)).isLessThan(plan.firstAt(ChaosPlan.StopS3.class));
                assertThat(plan.firstAt(ChaosPlan.StopS3.class)).isLessThan(plan.firstAt(ChaosPlan.StartS3.class));
                assertThat(plan.firstAt(ChaosPlan.StopBroker.class)).isLessThan(plan.firstAt(ChaosPlan.StartBroker.class));
                assertThat(plan.steps()).allSatisfy(s -> assertThat(s.at()).isPositive().isLessThan(d));
                assertThat(plan.steps()).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
                // The outage and the restart never overlap: each has its own part of the phase.
                boolean s3First = plan.firstAt(ChaosPlan.FailS3.class).compareTo(plan.firstAt(ChaosPlan.StopBroker.class)) < 0;
                if (s3First) {
                    assertThat(plan.firstAt(ChaosPlan.StartS3.class)).isLessThan(plan.firstAt(ChaosPlan.StopBroker.class));
                } else {
                    assertThat(plan.firstAt(ChaosPlan.StartBroker.class)).isLessThan(plan.firstAt(ChaosPlan.FailS3.class));
                }
            }
        }
    }

    @Test
    void aboutHalfTheKillsAimAtTheUploadCommitWindowAndTheFirstConsumerHasThatWindow() {
        ChaosPlan plan = ChaosPlan.generate(options(Duration.ofMinutes(10), 3));
        long kills = plan.count(ChaosPlan.KillConsumer.class);
        long aimed = plan.steps().stream()
                .filter(s -> s.action() instanceof ChaosPlan.KillConsumer k && k.afterUpload()).count();
        // most waves start with an aimed kill; a wave has two or three kills
        assertThat(aimed).isBetween(kills / 6, kills / 2);
        assertThat(plan.initialConsumers().get(0)).isInstanceOf(ConsumerMode.PauseAfterUpload.class);
        assertThat(plan.initialConsumers()).hasSizeBetween(1, 3);
    }

    @Test
    void theDescriptionNamesTheCountsAndTimes() {
        String text = ChaosPlan.generate(options(Duration.ofMinutes(2), 1)).describe();
        assertThat(text).startsWith("plan (seed 1): 12 consumer kills in ").containsPattern("S3 503 from \\d\\d:\\d\\d\\.\\d for ").contains("broker down from ")
                .containsPattern("\\d+ restarted in place \\(after 200-800 ms\\) and \\d+ replaced by new consumers, 2 zombie pause\\(s\\)");
    }
}
