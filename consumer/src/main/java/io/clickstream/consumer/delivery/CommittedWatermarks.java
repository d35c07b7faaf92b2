package io.clickstream.consumer.delivery;

import io.clickstream.consumer.hours.Watermark;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watermarks in the group's offset commits, as the poll thread reads and writes them: read back with the
 * committed offsets when partitions are assigned, and moved to the clock for partitions with no traffic.
 */
final class CommittedWatermarks {
    private static final Logger log = LoggerFactory.getLogger(CommittedWatermarks.class);
    private static final int ATTEMPTS = 3;

    private final Consumer<?, ?> consumer;
    private final OffsetCommitter committer;
    /** This consumer's grace (HOUR_COMPLETE_GRACE), or -1 with hour markers off. */
    private final long graceMillis;

    CommittedWatermarks(Consumer<?, ?> consumer, OffsetCommitter committer, long graceMillis) {
        this.consumer = consumer;
        this.committer = committer;
        this.graceMillis = graceMillis;
    }

    /**
     * Newly assigned partitions start from the group's committed offsets and the watermarks those commits carry
     * (with hour markers on): a replay must route stragglers exactly as the first attempt did.
     */
    void assigned(Map<TopicPartition, PartitionDelivery> partitions, Collection<TopicPartition> assigned,
            boolean restoreWatermarks, long nowMillis) {
        Map<TopicPartition, OffsetAndMetadata> committed = restoreWatermarks ? committed(assigned) : Map.of();
        for (TopicPartition partition : assigned) {
            if (partitions.containsKey(partition)) {
                continue;
            }
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                partitions.put(partition, new PartitionDelivery(partition, Watermark.NONE, -1, nowMillis, graceMillis));
                continue;
            }
            long committedGrace = Watermark.decodeGrace(offset.metadata());
            long grace = PartitionProgress.routingGrace(graceMillis, committedGrace);
            if (graceMillis >= 0 && grace >= 0 && grace != graceMillis) {
                log.warn("{}: its last commit routed with a grace of {} s, shorter than HOUR_COMPLETE_GRACE ({} s): the shorter "
                        + "one applies, so that no hour sealed under it opens again", partition, grace / 1000, graceMillis / 1000);
            }
            partitions.put(partition, new PartitionDelivery(partition, Watermark.decode(offset.metadata()), offset.offset(),
                    nowMillis, grace));
        }
    }

    /**
     * Moves the watermark of every partition quiet for {@code idleMillis} and holding nothing to the clock, by
     * committing its offset again with the new watermark: a partition without traffic must not hold an hour open
     * forever. Only when the new watermark seals another hour, so at most once an hour per quiet partition.
     */
    void advanceIdle(Map<TopicPartition, PartitionDelivery> partitions, long nowMillis, long idleMillis, Duration grace) {
        Map<TopicPartition, OffsetAndMetadata> advance = idleAdvances(partitions.values(), nowMillis, idleMillis, grace);
        if (!advance.isEmpty() && committer.commit(advance) instanceof OffsetCommitter.Outcome.Committed) {
            advance.forEach((partition, offset) -> {
                PartitionDelivery delivery = partitions.get(partition);
                delivery.watermarkAdvanced(nowMillis);
                delivery.progress().committed(offset.offset(), nowMillis);
            });
            log.info("no records for {} s in {}: their watermark moves to the clock ({}), which seals the hours before {}",
                    idleMillis / 1000, advance.keySet(), java.time.Instant.ofEpochMilli(nowMillis),
                    Watermark.firstOpenHour(nowMillis, grace));
        }
    }

    /**
     * The committed offsets (and the watermarks in their metadata) of newly assigned partitions, asked of the
     * group's coordinator, which has just answered the join; {@value #ATTEMPTS} attempts, then the poll fails.
     */
    private Map<TopicPartition, OffsetAndMetadata> committed(Collection<TopicPartition> assigned) {
        for (int attempt = 1; ; attempt++) {
            try {
                var committed = new HashMap<TopicPartition, OffsetAndMetadata>();
                consumer.committed(Set.copyOf(assigned), Duration.ofSeconds(15)).forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.put(partition, offset);
                    }
                });
                return committed;
            } catch (RetriableException e) {
                if (attempt >= ATTEMPTS) {
                    throw new KafkaException("cannot read the committed offsets and watermarks of " + assigned
                            + " after " + attempt + " attempts: " + e.getMessage(), e);
                }
                log.warn("reading the committed offsets of {} failed (attempt {}), retrying: {}", assigned, attempt, e.getMessage());
            }
        }
    }

    /**
     * The commits that move idle partitions' watermarks to the clock: partitions holding nothing, quiet for
     * {@code idleMillis}, read to their end, whose watermark would then seal another hour.
     */
    private Map<TopicPartition, OffsetAndMetadata> idleAdvances(Collection<PartitionDelivery> deliveries, long nowMillis, long idleMillis,
            Duration grace) {
        Map<TopicPartition, OffsetAndMetadata> advance = new HashMap<>();
        for (PartitionDelivery delivery : deliveries) {
            PartitionProgress progress = delivery.progress();
            if (!delivery.holdsNothing() || nowMillis - progress.lastActivityMillis() < idleMillis
                    || progress.graceMillis() < 0
                    || !Watermark.firstOpenHour(nowMillis, Duration.ofMillis(progress.graceMillis()))
                            .isAfter(Watermark.firstOpenHour(progress.watermark(), Duration.ofMillis(progress.graceMillis())))
                    || !caughtUp(delivery.partition())) {
                continue;
            }
            long offset = progress.committedOffset() >= 0 ? progress.committedOffset() : position(delivery.partition());
            if (offset >= 0) {
                // A partition never committed (no record ever, or all before a new group) commits where it stands.
                advance.put(delivery.partition(), new OffsetAndMetadata(offset, Watermark.encode(nowMillis, progress.graceMillis())));
            }
        }
        return advance;
    }

    /** Where the consumer reads this partition next (nothing held, so nothing before it is uncommitted); -1 if unknown. */
    private long position(TopicPartition partition) {
        try {
            return consumer.position(partition, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Read to the end as far as the last fetch knows: no record is waiting that would move the watermark itself. */
    private boolean caughtUp(TopicPartition partition) {
        try {
            var lag = consumer.currentLag(partition);
            return lag.isPresent() && lag.getAsLong() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
