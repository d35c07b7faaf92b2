package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link StaticRestartRebalance} against a check that misbehaves: an Error rather than an Exception (a class that
 * fails to load in the Admin client, an OutOfMemoryError in the check thread), and an answer that arrives after
 * the group has rebalanced again.
 */
class StaticRestartRebalanceHostileTest {
    private static final String TOPIC = RebalanceRecordingConsumer.TOPIC;

    /** The check is advisory: whatever it throws must not come out of the poll loop's afterPoll and stop the consumer. */
    @Test
    void anErrorInTheOwnerCheckDoesNotEscapeIntoThePollLoop() {
        var consumer = new RebalanceRecordingConsumer();
        var rebalance = new StaticRestartRebalance(consumer, TOPIC, count -> {
            throw new NoClassDefFoundError("org/apache/kafka/clients/admin/KafkaAdminClient");
        }, Runnable::run);
        rebalance.assigned();
        assertThatCode(rebalance::afterPoll).doesNotThrowAnyException();
        assertThat(consumer.reasons).as("asked anyway, as when the coordinator cannot be asked").singleElement()
                .asString().contains("failed").contains("NoClassDefFoundError");
    }

    /** The check runs on its own thread; an answer still out when the loop polls again is waited for, not lost. */
    @Test
    void anAnswerThatArrivesSeveralPollsLaterIsActedOnOnce() throws Exception {
        var consumer = new RebalanceRecordingConsumer();
        var release = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        var rebalance = new StaticRestartRebalance(consumer, TOPIC, count -> {
            started.countDown();
            release.await();
            return Set.of(2);
        }, task -> {
            Thread t = new Thread(task, "group-owners-check");
            t.setDaemon(true);
            t.start();
        });
        rebalance.assigned();
        rebalance.afterPoll();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            rebalance.afterPoll();
        }
        assertThat(consumer.reasons).isEmpty();
        rebalance.assigned(); // a later rebalance while the first answer is still out asks nothing more
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (consumer.reasons.isEmpty() && System.nanoTime() < deadline) {
            rebalance.afterPoll();
            Thread.sleep(10);
        }
        for (int i = 0; i < 5; i++) {
            rebalance.afterPoll();
        }
        assertThat(consumer.reasons).singleElement().asString().contains("partitions [2] of clickstream have no owner");
    }
}
