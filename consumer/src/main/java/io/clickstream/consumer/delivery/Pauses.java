package io.clickstream.consumer.delivery;

import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import io.clickstream.consumer.generation.BatchLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses a partition while it cannot make progress (its upload is failing, or its next generation is
 * due to close while the previous one is not yet committed) and every partition while memory is over
 * budget (what could be closed early is closed: the rest waits for commits), and resumes them after.
 * Pausing, not blocking, keeps the poll loop running, so the consumer stays in its group.
 */
public final class Pauses {
    private static final Logger log = LoggerFactory.getLogger(Pauses.class);

    private final Consumer<?, ?> consumer;
    private final Deliveries deliveries;
    private final MemoryBudget budget;
    private final BatchLimits limits;
    private final Set<TopicPartition> paused = new HashSet<>();

    public Pauses(Consumer<?, ?> consumer, Deliveries deliveries, MemoryBudget budget, BatchLimits limits) {
        this.consumer = consumer;
        this.deliveries = deliveries;
        this.budget = budget;
        this.limits = limits;
    }

    public void update(long nowMillis) {
        boolean overBudget = budget.exceeded();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        Set<TopicPartition> assigned = consumer.assignment();
        for (PartitionDelivery delivery : deliveries.all()) {
            TopicPartition partition = delivery.partition();
            if (!assigned.contains(partition)) {
                continue;
            }
            boolean blocked = overBudget || delivery.hasInFlight()
                    && (delivery.isRetrying() || delivery.closeReason(limits, nowMillis) != CloseReason.NONE);
            if (blocked && paused.add(partition)) {
                pause.add(partition);
            } else if (!blocked && paused.remove(partition)) {
                resume.add(partition);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
            log.debug("paused {}", pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
            log.debug("resumed {}", resume);
        }
    }

    /** Partitions that left this consumer: the next owner starts unpaused. */
    public void forget(Collection<TopicPartition> gone) {
        paused.removeAll(gone);
    }

    public int count() {
        return paused.size();
    }
}
