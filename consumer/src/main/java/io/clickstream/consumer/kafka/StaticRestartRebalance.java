package io.clickstream.consumer.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebalance asked for by a static member (KAFKA_GROUP_INSTANCE_ID, classic protocol) after its first
 * assignment. Restarted within its session timeout, such a member gets back what the group last assigned to
 * its id, without a rebalance. If its previous run died while giving partitions up in a cooperative
 * rebalance, that assignment no longer holds them, and the second rebalance that hands them on is asked for
 * only by the member that gave them up: the dead run cannot, the restarted one gave nothing up. With no other
 * change in the group those partitions would have no owner until the next one (seen in ChaosIT, and made to
 * happen by StaticRestartMidRevocationIT). With cooperative-sticky assignment the extra rebalance moves only
 * partitions without an owner; the others keep being read.
 */
final class StaticRestartRebalance {
    private static final Logger log = LoggerFactory.getLogger(StaticRestartRebalance.class);

    private final Consumer<?, ?> consumer;
    private boolean pending;
    private boolean due;

    /** @param enabled true for a static member of a classic group (the consumer protocol's broker reconciles) */
    StaticRestartRebalance(Consumer<?, ?> consumer, boolean enabled) {
        this.consumer = consumer;
        this.pending = enabled;
    }

    /** Called from the rebalance listener: the rebalance is asked for after the poll, outside the callback. */
    void assigned() {
        if (pending) {
            due = true;
        }
    }

    /** Called after each poll; asks at most once per run. */
    void afterPoll() {
        if (!due) {
            return;
        }
        due = false;
        pending = false;
        consumer.enforceRebalance("a static member's first assignment after its start: hand on any partition "
                + "that its previous run was giving up when it stopped");
        log.info("first assignment as a static member: asked the group for one rebalance, so that partitions a "
                + "previous run of this KAFKA_GROUP_INSTANCE_ID left while giving them up get an owner");
    }
}
