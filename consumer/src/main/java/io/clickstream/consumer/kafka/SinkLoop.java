package io.clickstream.consumer.kafka;

import io.clickstream.consumer.delivery.Deliveries;
import io.clickstream.consumer.delivery.Drain;
import io.clickstream.consumer.delivery.MemoryBudget;
import io.clickstream.consumer.delivery.Pauses;
import io.clickstream.consumer.generation.BatchLimits.CloseReason;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.hours.HourSettings;
import io.clickstream.consumer.intake.RecordIntake;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.FencedMemberEpochException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop. Each turn: poll, take the records into their partitions' open generations
 * ({@link RecordIntake}), then one {@link #step}: commit what finished uploading, close what is due,
 * retry what failed, pause what cannot progress. Everything from a closed generation to a committed
 * offset, and why it is exactly-once, is in {@link io.clickstream.consumer.delivery.PartitionDelivery}.
 */
public final class SinkLoop {
    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    /** A revocation may hold up the whole group's rebalance: bound it, whatever SHUTDOWN_TIMEOUT says. */
    private static final Duration MAX_REVOCATION_DRAIN = Duration.ofSeconds(60);

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final PollBytes pollBytes;
    private final Settings settings;
    private final RecordIntake intake;
    private final Deliveries deliveries;
    private final MemoryBudget budget;
    private final Pauses pauses;
    private final Drain drain;
    private final ConsumerMetrics metrics;
    private final Clock clock;
    private final AtomicBoolean running;
    private final ProgressReporter progress;
    private final LagGauge lag;
    private final IdleExit idleExit;
    private final LoopHealth health;
    private final StaticRestartRebalance restartRebalance;
    private List<String> notCommitted = List.of();

    /** What the loop needs besides its collaborators. */
    /** @param hours null: no watermark is restored (tests); with markers off, watermarks are kept but not moved by idleness */
    public record Settings(String topic, BatchLimits limits, long bufferMaxBytes, Duration exitWhenIdle,
            Duration shutdownTimeout, Duration progressInterval, HourSettings hours) {
    }

    public SinkLoop(Settings settings, Consumer<ByteBuffer, ByteBuffer> consumer, PollBytes pollBytes, RecordIntake intake,
            Deliveries deliveries, ConsumerMetrics metrics, Clock clock, AtomicBoolean running) {
        this(settings, consumer, pollBytes, intake, deliveries, metrics, clock, running, null);
    }

    /**
     * @param staticRestartOwners for a static member under the classic protocol, who owns what in the group: see
     *         {@link StaticRestartRebalance}; null otherwise
     */
    public SinkLoop(Settings settings, Consumer<ByteBuffer, ByteBuffer> consumer, PollBytes pollBytes, RecordIntake intake,
            Deliveries deliveries, ConsumerMetrics metrics, Clock clock, AtomicBoolean running,
            PartitionOwners staticRestartOwners) {
        this.consumer = consumer;
        this.pollBytes = pollBytes;
        this.settings = settings;
        this.intake = intake;
        this.deliveries = deliveries;
        this.budget = new MemoryBudget(deliveries, settings.bufferMaxBytes());
        this.pauses = new Pauses(consumer, deliveries, budget, settings.limits());
        this.drain = new Drain(deliveries, clock);
        this.metrics = metrics;
        this.clock = clock;
        this.running = running;
        this.progress = new ProgressReporter(metrics, settings.progressInterval(), clock.millis());
        this.lag = new LagGauge(consumer, metrics);
        this.idleExit = new IdleExit(settings.exitWhenIdle(), consumer, settings.topic(), clock.millis());
        this.health = new LoopHealth(consumer, deliveries, metrics.health());
        this.restartRebalance = new StaticRestartRebalance(consumer, settings.topic(), staticRestartOwners, task -> {
            Thread thread = new Thread(task, "group-owners-check");
            thread.setDaemon(true);
            thread.start();
        });
        metrics.bindState(deliveries::bufferedBytes, deliveries::openFiles, this::oldestUncommittedSeconds);
    }

    /** Runs until {@code running} turns false (then {@link Consumer#wakeup()}) or the idle exit fires; then drains. */
    public SinkSummary run() {
        consumer.subscribe(List.of(settings.topic()), new Rebalance());
        String failure = null;
        try {
            while (running.get()) {
                ConsumerRecords<ByteBuffer, ByteBuffer> records;
                try {
                    pollBytes.reset();
                    records = consumer.poll(POLL_TIMEOUT);
                } catch (WakeupException e) {
                    continue; // the loop condition decides
                } catch (FencedInstanceIdException e) {
                    failure = "another consumer joined the group with this one's KAFKA_GROUP_INSTANCE_ID ("
                            + e.getMessage() + "): it took over this one's partitions, and this one stops";
                    log.error("stopping: {}", failure);
                    break;
                } catch (UnreleasedInstanceIdException e) {
                    // Under the consumer protocol: a consumer started since with the same id removed this one from
                    // the group (as its start-up does to a stale holder) and holds the id now.
                    failure = "the group refused this consumer's KAFKA_GROUP_INSTANCE_ID (" + e.getMessage()
                            + "): another consumer with the same id has taken over its partitions, and this one stops";
                    log.error("stopping: {}", failure);
                    break;
                } catch (KafkaException e) {
                    if (!removedFromGroup(e)) {
                        throw e;
                    }
                    // Removed by the Admin API (a consumer started with this one's KAFKA_GROUP_INSTANCE_ID does
                    // that under the consumer protocol) while taking its partitions: the client joins again, and
                    // stops on the next poll if the id is taken.
                    log.warn("this consumer was removed from the group while taking its partitions ({}): their "
                            + "uncommitted work is dropped, and it joins again", e.getMessage());
                    List<TopicPartition> held = List.copyOf(deliveries.partitions());
                    deliveries.lost(held);
                    pauses.forget(held);
                    continue;
                }
                restartRebalance.afterPoll();
                long now = clock.millis();
                if (!records.isEmpty()) {
                    handle(records);
                    idleExit.activity(now);
                }
                step(now);
                health.turned();
                failure = deliveries.fatal();
                if (failure != null) {
                    log.error("stopping: {}", failure);
                    break;
                }
                if (idleExit.due(now)) {
                    log.info("every assigned partition read to its end and nothing arrived for {} (EXIT_WHEN_IDLE): "
                            + "flushing, committing and exiting", settings.exitWhenIdle());
                    break;
                }
            }
            // What the drain cannot commit by the deadline is dropped, and so counted in notCommitted.
            drain.run(deliveries.partitions(), clock.millis() + settings.shutdownTimeout().toMillis(), CloseReason.SHUTDOWN);
        } finally {
            closeConsumer();
        }
        return new SinkSummary(metrics.consumedCount(), metrics.validCount(), metrics.invalidCount(),
                metrics.filesUploadedCount(), metrics.bytesUploadedCount(), notCommitted, failure);
    }

    /** The group no longer knows this member (removed, or fenced for its epoch): an error of a rebalance callback. */
    private static boolean removedFromGroup(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownMemberIdException || t instanceof FencedMemberEpochException) {
                return true;
            }
        }
        return false;
    }

    /** Takes one poll's records; package-private so tests can drive the loop turn by turn. */
    void handle(ConsumerRecords<ByteBuffer, ByteBuffer> records) {
        // A new file costs memory at once (its writer's overhead): the budget is checked as each one opens, not
        // after the poll, or one poll spread over many partitions and hours could open thousands of files.
        Map<TopicPartition, Long> stopped = intake.take(records, deliveries::of, () -> {
            if (budget.exceeded()) {
                budget.enforce();
            }
            return !budget.exceeded();
        });
        stopped.forEach((partition, offset) -> {
            log.debug("{}: memory over budget (BUFFER_MAX_BYTES); consumed again from offset {} once it is free",
                    partition, offset);
            consumer.seek(partition, offset);
        });
    }

    /** One turn of bookkeeping after a poll; package-private so tests can drive the loop turn by turn. */
    void step(long now) {
        deliveries.completeUploads(now, true);
        deliveries.closeDue(settings.limits(), now);
        budget.enforce();
        deliveries.retryDue(now);
        if (settings.hours() != null && settings.hours().enabled()) {
            deliveries.advanceIdleWatermarks(now, settings.hours().idle().toMillis(), settings.hours().grace());
        }
        pauses.update(now);
        intake.flushInvalidLog();
        progress.maybeLog(now, deliveries.bufferedBytes(), deliveries.openFiles(), deliveries.uncommittedPartitions(),
                pauses.count(), lag.total());
    }

    private double oldestUncommittedSeconds() {
        long oldest = deliveries.oldestUncommittedMillis();
        return oldest == Long.MAX_VALUE ? 0 : (clock.millis() - oldest) / 1000.0;
    }

    /**
     * Before closing, asks Kafka whether what this consumer dropped along the way was committed since
     * (by itself after a replay, or by the partition's next owner): what was not may not be called committed.
     */
    private void closeConsumer() {
        notCommitted = deliveries.notCommitted(Duration.ofSeconds(10));
        try {
            // Leave the group even as a static member (which by default stays in until its session times out): a
            // stopped consumer is scaled down or stopped for good, or restarting, and its partitions should move now,
            // not after KAFKA_SESSION_TIMEOUT. A crash (kill -9) sends nothing, so a same-id restart still takes them back.
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            log.warn("closing the Kafka consumer: {}", e.getMessage());
        }
    }

    /**
     * Cooperative-sticky rebalancing hands us exactly the partitions that move. On revocation we flush
     * and commit those partitions (bounded by the shutdown timeout), so the new owner starts where we
     * stopped and rewrites nothing; if that cannot finish in time (S3 down), we drop them and the new
     * owner replays from the last commit, which deterministic keys make safe.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            deliveries.assigned(partitions, settings.hours() != null, clock.millis());
            restartRebalance.assigned();
            if (!partitions.isEmpty()) {
                log.info("assigned {}", partitions);
                idleExit.activity(clock.millis());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            long timeout = Math.min(settings.shutdownTimeout().toMillis(), MAX_REVOCATION_DRAIN.toMillis());
            boolean clean = drain.run(partitions, clock.millis() + timeout, CloseReason.REVOKED);
            log.info("revoked {} ({})", partitions, clean ? "flushed and committed" : "uncommitted work dropped");
            deliveries.forget(partitions);
            pauses.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            log.warn("lost {} without a clean revocation: dropping their uncommitted files, no commit", partitions);
            deliveries.lost(partitions);
            pauses.forget(partitions);
        }
    }
}
