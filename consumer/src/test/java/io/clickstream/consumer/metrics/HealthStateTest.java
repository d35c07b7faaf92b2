package io.clickstream.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthStateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-19T10:00:00Z"));
    private final HealthState health = new HealthState(clock);

    /** In the group with three partitions, S3 answering, nothing retrying. */
    private void healthyTurn() {
        health.s3(true);
        health.turned(true, 3, Set.of(), Set.of());
    }

    @Test
    void isAliveFromTheStartAndWhileTheLoopTurns() {
        assertThat(health.liveness().alive()).isTrue();
        clock.advance(HealthState.MAX_TURN_GAP);
        healthyTurn();
        clock.advance(HealthState.MAX_TURN_GAP);

        assertThat(health.liveness().alive()).isTrue();
        assertThat(health.liveness().text()).isEqualTo("ok\n");
    }

    @Test
    void isNotAliveOnceTheLoopStoppedTurningForLongerThanTheLimit() {
        healthyTurn();
        clock.advance(HealthState.MAX_TURN_GAP.plusSeconds(1));

        Liveness liveness = health.liveness();

        assertThat(liveness.alive()).isFalse();
        assertThat(liveness.text()).isEqualTo("stalled: the poll loop last turned 121 s ago\n");
        assertThat(health.readiness().ready()).as("a stalled consumer is not ready either").isFalse();
    }

    @Test
    void startUpProgressCountsAsAlive() {
        clock.advance(HealthState.MAX_TURN_GAP.plusSeconds(1));
        health.alive();

        assertThat(health.liveness().alive()).isTrue();
        assertThat(health.readiness().ready()).as("not in the group yet").isFalse();
    }

    @Test
    void isReadyWithPartitionsOrAsAStandbyInTheGroupWithS3Answering() {
        healthyTurn();
        assertThat(health.readiness()).isEqualTo(new Readiness(true, true, 3, HealthState.S3.REACHABLE, List.of()));

        health.turned(true, 0, Set.of(), Set.of());
        Readiness standby = health.readiness();
        assertThat(standby.ready()).isTrue();
        assertThat(standby.standby()).isTrue();
    }

    @Test
    void isNotReadyOutsideTheGroupOrBeforeS3Answered() {
        health.turned(true, 3, Set.of(), Set.of());
        assertThat(health.readiness().s3()).isEqualTo(HealthState.S3.UNKNOWN);
        assertThat(health.readiness().ready()).isFalse();

        health.s3(true);
        health.turned(false, 0, Set.of(), Set.of());
        Readiness outside = health.readiness();
        assertThat(outside.ready()).isFalse();
        assertThat(outside.standby()).as("not in the group: no standby").isFalse();
    }

    @Test
    void isNotReadyWhileS3FailsAndReadyAgainOnceItAnswers() {
        healthyTurn();
        health.s3(false);
        assertThat(health.readiness().ready()).isFalse();
        assertThat(health.readiness().s3()).isEqualTo(HealthState.S3.UNREACHABLE);

        health.s3(true);
        assertThat(health.readiness().ready()).isTrue();
    }

    @Test
    void aPartitionRetryingItsUploadLongerThanTheLimitMakesTheConsumerNotReady() {
        healthyTurn();
        health.turned(true, 3, Set.of("clickstream-2"), Set.of());
        clock.advance(Duration.ofSeconds(30));
        // a retry attempt is running: the partition is still in the same backoff
        health.turned(true, 3, Set.of(), Set.of("clickstream-2"));
        clock.advance(HealthState.MAX_BACKOFF.minusSeconds(30));
        health.turned(true, 3, Set.of("clickstream-2"), Set.of());

        Readiness atTheLimit = health.readiness();
        assertThat(atTheLimit.ready()).isTrue();
        assertThat(atTheLimit.backoff()).containsExactly(new Readiness.Backoff("clickstream-2", 300));

        clock.advance(Duration.ofSeconds(1));
        assertThat(health.readiness().ready()).isFalse();
    }

    @Test
    void aDeliveredOrRevokedPartitionLeavesTheBackoffListAndItsTimeStartsOverNextTime() {
        healthyTurn();
        health.turned(true, 3, Set.of("clickstream-1", "clickstream-2"), Set.of());
        clock.advance(Duration.ofMinutes(4));
        health.turned(true, 3, Set.of("clickstream-2"), Set.of()); // clickstream-1 delivered (or revoked)

        assertThat(health.readiness().backoff()).extracting(Readiness.Backoff::partition).containsExactly("clickstream-2");

        health.turned(true, 3, Set.of(), Set.of());
        health.turned(true, 3, Set.of("clickstream-2"), Set.of());
        clock.advance(Duration.ofMinutes(4));
        health.turned(true, 3, Set.of("clickstream-2"), Set.of());
        assertThat(health.readiness().backoff()).containsExactly(new Readiness.Backoff("clickstream-2", 240));
        assertThat(health.readiness().ready()).as("4 minutes since it failed again, not 8").isTrue();
    }
}
