package io.clickstream.consumer.kafka;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After its first assignment, a static member (KAFKA_GROUP_INSTANCE_ID, classic protocol) asks the group for one
 * rebalance if a partition of the topic has no owner. Restarted within its session timeout, such a member gets
 * back what the group last assigned to its id, without a rebalance. If its previous run died while giving
 * partitions up in a cooperative rebalance, that assignment no longer holds them, and the second rebalance that
 * hands them on is asked for only by the member that gave them up: the dead run cannot, the restarted one gave
 * nothing up. With no other change in the group those partitions would have no owner for good (seen in
 * ChaosIT; StaticRestartMidRevocationIT makes it happen).
 *
 * <p>Only then: a classic rebalance waits for every member to join again, a dead static member too, until its
 * session ends, so a rebalance asked for while another member is dead would hold every member's commits that
 * long (StaticRestartBesideDeadMemberHostileIT). If the coordinator cannot be asked, or the check fails, it asks
 * for the rebalance anyway: a stall bounded by a session beats partitions that nobody reads. Partitions added to
 * the topic since the last rebalance show as without an owner too; the request does not hand them out before the
 * group's leader sees them in its metadata (metadata.max.age.ms), when the leader rebalances by itself.
 */
final class StaticRestartRebalance {
    private static final Logger log = LoggerFactory.getLogger(StaticRestartRebalance.class);

    private final Consumer<?, ?> consumer;
    private final String topic;
    private final PartitionOwners owners;
    private final Executor executor;
    private boolean pending;
    private boolean due;
    private CompletableFuture<String> check;

    /**
     * @param owners null: never (a dynamic member, or the consumer protocol, whose broker reconciles)
     * @param executor where the coordinator is asked, off the poll thread
     */
    StaticRestartRebalance(Consumer<?, ?> consumer, String topic, PartitionOwners owners, Executor executor) {
        this.consumer = consumer;
        this.topic = topic;
        this.owners = owners;
        this.executor = executor;
        this.pending = owners != null;
    }

    /** Called from the rebalance listener; the check starts after the poll, outside the callback. */
    void assigned() {
        if (pending) {
            due = true;
        }
    }

    /** Called after each poll: starts the one check of this run, and acts on its answer once it is there. */
    void afterPoll() {
        if (due) {
            due = false;
            pending = false;
            int partitions;
            try {
                partitions = consumer.partitionsFor(topic).size();
            } catch (RuntimeException e) {
                partitions = -1;
                check = CompletableFuture.completedFuture("could not read how many partitions " + topic + " has ("
                        + e + "), so asking in case one has no owner");
            }
            if (partitions >= 0) {
                int count = partitions;
                check = CompletableFuture.supplyAsync(() -> reasonToRebalance(count), executor);
            }
        }
        if (check == null || !check.isDone()) {
            return;
        }
        String reason;
        try {
            reason = check.join();
        } catch (CompletionException e) { // an Error on the check's thread (a class that fails to load, memory)
            reason = "the check whether every partition has an owner failed (" + e.getCause()
                    + "), so asking in case one does not";
        }
        check = null;
        if (reason != null) {
            consumer.enforceRebalance("static member restarted: " + reason);
            log.info("first assignment as a static member: {}; asked the group for a rebalance", reason);
        }
    }

    /** Why to ask for a rebalance, or null not to. */
    private String reasonToRebalance(int partitions) {
        Set<Integer> unowned;
        try {
            unowned = owners.unowned(partitions);
        } catch (Exception e) {
            return "could not ask the group's coordinator whether every partition has an owner (" + e
                    + "), so asking in case one does not";
        }
        if (unowned == null || unowned.isEmpty()) {
            log.debug("first assignment as a static member: {}", unowned == null
                    ? "the group is rebalancing, which hands out any partition without an owner"
                    : "every partition of " + topic + " has an owner");
            return null;
        }
        return "partitions " + unowned + " of " + topic + " have no owner in the group (given up by a previous run "
                + "of this KAFKA_GROUP_INSTANCE_ID that died meanwhile, or added to the topic since the last rebalance)";
    }
}
