package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class StaticRestartRebalanceTest {
    private static final String TOPIC = RebalanceRecordingConsumer.TOPIC;

    private final RebalanceRecordingConsumer consumer = new RebalanceRecordingConsumer();
    private final AtomicInteger asked = new AtomicInteger();
    private final List<Integer> partitionCounts = new ArrayList<>();

    private StaticRestartRebalance withOwners(PartitionOwners owners) {
        return new StaticRestartRebalance(consumer, TOPIC, count -> {
            asked.incrementAndGet();
            partitionCounts.add(count);
            return owners.unowned(count);
        }, Runnable::run);
    }

    @Test
    void aPartitionWithoutAnOwnerAfterTheFirstAssignmentMakesItAskForOneRebalanceNamingThePartition() {
        var rebalance = withOwners(count -> Set.of(3));
        rebalance.afterPoll();
        assertThat(asked).as("nothing assigned yet").hasValue(0);

        rebalance.assigned();
        assertThat(asked).as("not from inside the rebalance callback").hasValue(0);
        rebalance.afterPoll();
        assertThat(partitionCounts).containsExactly(6);
        assertThat(consumer.reasons).hasSize(1);
        assertThat(consumer.reasons.get(0)).contains("partitions [3] of clickstream have no owner");
    }

    @Test
    void noRebalanceWhenEveryPartitionHasAnOwnerEvenOneThatIsDead() {
        // A dead static member still owns its partitions until its session ends: asking now would hold every
        // member's commits until then, and that member's expiry rebalances anyway.
        var rebalance = withOwners(count -> Set.of());
        rebalance.assigned();
        rebalance.afterPoll();
        rebalance.afterPoll();
        assertThat(asked).hasValue(1);
        assertThat(consumer.reasons).isEmpty();
    }

    @Test
    void noRebalanceWhileTheGroupIsRebalancingAlready() {
        var rebalance = withOwners(count -> null);
        rebalance.assigned();
        rebalance.afterPoll();
        assertThat(consumer.reasons).isEmpty();
    }

    @Test
    void aCoordinatorThatCannotBeAskedMakesItAskForTheRebalanceAnyway() {
        var rebalance = withOwners(count -> {
            throw new IllegalStateException("describing group g: GroupAuthorizationException");
        });
        rebalance.assigned();
        rebalance.afterPoll();
        assertThat(consumer.reasons).singleElement().asString()
                .contains("could not ask the group's coordinator").contains("GroupAuthorizationException");
    }

    @Test
    void aTopicWhosePartitionsCannotBeReadMakesItAskAnywayWithoutAskingTheCoordinator() {
        var failing = new RebalanceRecordingConsumer() {
            @Override
            public synchronized List<PartitionInfo> partitionsFor(String topic) {
                throw new KafkaException("metadata timed out");
            }
        };
        var rebalance = new StaticRestartRebalance(failing, TOPIC, count -> {
            asked.incrementAndGet();
            return Set.of();
        }, Runnable::run);
        rebalance.assigned();
        rebalance.afterPoll();
        assertThat(asked).hasValue(0);
        assertThat(failing.reasons).singleElement().asString().contains("metadata timed out");
    }

    @Test
    void theAnswerIsActedOnAtTheFirstPollAfterItArrivesAndLaterAssignmentsAskNothing() {
        List<Runnable> queued = new ArrayList<>();
        var rebalance = new StaticRestartRebalance(consumer, TOPIC, count -> {
            asked.incrementAndGet();
            return Set.of(1, 4);
        }, queued::add);
        rebalance.assigned();
        rebalance.afterPoll();
        assertThat(consumer.reasons).as("the answer is not there yet").isEmpty();
        rebalance.afterPoll();
        assertThat(consumer.reasons).isEmpty();

        queued.forEach(Runnable::run); // the coordinator answers
        rebalance.afterPoll();
        assertThat(consumer.reasons).hasSize(1);

        rebalance.assigned();
        rebalance.afterPoll();
        rebalance.afterPoll();
        assertThat(asked).hasValue(1);
        assertThat(consumer.reasons).hasSize(1);
    }

    @Test
    void aDynamicMemberOrOneOfTheConsumerProtocolNeverAsks() {
        var rebalance = new StaticRestartRebalance(consumer, TOPIC, null, Runnable::run);
        rebalance.assigned();
        rebalance.afterPoll();
        assertThat(consumer.reasons).isEmpty();
    }
}
