package io.clickstream.consumer.delivery;

import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes, uploads and commits everything some partitions hold, before a deadline: at shutdown (all of
 * them) and on revocation (the revoked ones). No poll runs meanwhile, so a rebalance in progress cannot
 * complete, and a commit it refuses is given up rather than deferred. What is not committed by the
 * deadline is dropped: its next owner replays it from the last commit.
 */
public final class Drain {
    private static final Logger log = LoggerFactory.getLogger(Drain.class);

    private final Deliveries deliveries;
    private final Clock clock;

    public Drain(Deliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Returns true when everything the partitions held was committed. */
    public boolean run(Collection<TopicPartition> partitions, long deadlineMillis, CloseReason reason) {
        List<TopicPartition> pending = new ArrayList<>(partitions);
        boolean clean = true;
        while (true) {
            long now = clock.millis();
            deliveries.completeUploads(now, false);
            for (PartitionDelivery delivery : deliveries.existing(pending)) {
                clean &= delivery.state() != DeliveryState.DROPPED;
                if (delivery.mayClose()) {
                    deliveries.publish(delivery, reason);
                }
            }
            deliveries.retryDue(now);
            List<PartitionDelivery> held = deliveries.existing(pending);
            held.removeIf(PartitionDelivery::isDrained);
            if (held.isEmpty()) {
                return clean;
            }
            if (now >= deadlineMillis) {
                for (PartitionDelivery delivery : held) {
                    log.warn("{}: not committed before the deadline; dropped, it will be replayed from its last commit",
                            delivery.partition());
                    deliveries.drop(delivery, "not committed before the " + reason.name().toLowerCase(java.util.Locale.ROOT)
                            + " deadline");
                }
                return false;
            }
            awaitAnyUpload(held, Math.min(200, deadlineMillis - now));
        }
    }

    private static void awaitAnyUpload(List<PartitionDelivery> held, long millis) {
        for (PartitionDelivery delivery : held) {
            if (delivery.uploadRunning()) {
                delivery.awaitUpload(millis);
                return;
            }
        }
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
