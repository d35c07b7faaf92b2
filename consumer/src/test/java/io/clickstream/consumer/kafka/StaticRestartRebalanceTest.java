package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

class StaticRestartRebalanceTest {

    /** A consumer that only records the rebalances asked of it. */
    private static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        final List<String> reasons = new ArrayList<>();

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void enforceRebalance(String reason) {
            reasons.add(reason);
        }
    }

    private final RecordingConsumer consumer = new RecordingConsumer();

    @Test
    void aStaticMemberAsksForOneRebalanceAfterThePollThatBroughtItsFirstAssignment() {
        var rebalance = new StaticRestartRebalance(consumer, true);
        rebalance.afterPoll();
        assertThat(consumer.reasons).as("nothing assigned yet").isEmpty();

        rebalance.assigned();
        assertThat(consumer.reasons).as("not from inside the rebalance callback").isEmpty();
        rebalance.afterPoll();
        assertThat(consumer.reasons).hasSize(1);
        assertThat(consumer.reasons.get(0)).contains("static member");
    }

    @Test
    void laterAssignmentsOfTheSameRunAskForNothing() {
        var rebalance = new StaticRestartRebalance(consumer, true);
        rebalance.assigned();
        rebalance.afterPoll();
        rebalance.assigned();
        rebalance.afterPoll();
        rebalance.assigned();
        rebalance.afterPoll();
        assertThat(consumer.reasons).hasSize(1);
    }

    @Test
    void aDynamicMemberOrOneOfTheConsumerProtocolNeverAsks() {
        var rebalance = new StaticRestartRebalance(consumer, false);
        rebalance.assigned();
        rebalance.afterPoll();
        assertThat(consumer.reasons).isEmpty();
    }
}
