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
        assertThat(plan.count(ChaosPlan.StartConsumer.class)).isEqualTo(12);
        assertThat(plan.steps()).filteredOn(s -> s.action() instanceof ChaosPlan.KillConsumer)
                .allSatisfy(s -> assertThat(s.at()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(110)));
        assertThat(plan.waves()).isBetween(4, 6);
        assertThat(plan.count(ChaosPlan.EvictGroup.class)).isEqualTo(plan.waves());
    }

    @Test
    void withoutEvictionThereIsNoEvictionStep() {
        ChaosPlan plan = ChaosPlan.generate(options(Duration.ofMinutes(2), 1).withEvictAfterKill(false));
        assertThat(plan.count(ChaosPlan.EvictGroup.class)).isZero();
        assertThat(plan.count(ChaosPlan.KillConsumer.class)).isEqualTo(12);
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
        assertThat(text).startsWith("plan (seed 1): 12 consumer kills in ").containsPattern("S3 503 from \\d\\d:\\d\\d\\.\\d for ").contains("broker down from ");
    }
}
