package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.traffic.Imperfections;
import io.clickstream.producer.traffic.TrafficShaper;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run whose next record is not made yet, cancelled by a stop, its duration or a failure while it waits. */
@Timeout(30)
class PublishLoopCancelHostile2Test {
    private static final Instant START = Instant.parse("2026-01-19T08:00:00Z");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final DeliveryCounters counters = new DeliveryCounters();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutDown() {
        stop.set(true);
        thread.shutdownNow();
    }

    /** Lets {@code count} records go at once, then none until the making thread is stopped. */
    private static Pacer firstThenNever(int count, AtomicInteger granted) {
        return new Pacer() {
            @Override
            public boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
                if (granted.get() >= count) {
                    while (!cancelled.getAsBoolean()) {
                        Thread.sleep(5);
                    }
                    return false;
                }
                granted.incrementAndGet();
                return !cancelled.getAsBoolean();
            }

            @Override
            public boolean ready() {
                return granted.get() < count;
            }

            @Override
            public long behindNanos() {
                return 0;
            }
        };
    }

    private static TrafficShaper traffic(Imperfections imperfections) {
        return new TrafficShaper(new ClickstreamGenerator(SimulationSettings.DEFAULTS, 5, START), imperfections, 5);
    }

    private void awaitSent(int records) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (producer.history().size() < records) {
            assertThat(System.nanoTime() - deadline).as("sent %d of %d", producer.history().size(), records).isNegative();
            Thread.sleep(5);
        }
    }

    @Test
    void aStopWhileWaitingEndsStoppedWithinAStepAndSendsEveryRecordMadeHeldBackOnesIncluded() throws Exception {
        var granted = new AtomicInteger();
        var records = PregeneratedRecords.start(traffic(new Imperfections(0, 0, 0.5, 0.2)), firstThenNever(300, granted), 0);
        var loop = new PublishLoop(records, new EventPublisher(producer, "t", counters), Pacer.UNPACED, counters, Ticker.SYSTEM);
        Future<PublishLoop.End> run = thread.submit(() -> loop.run(PublishLoop.Limits.UNBOUNDED, stop));
        Thread.sleep(300);
        assertThat(run.isDone()).as("still waiting").isFalse();
        long stoppedAt = System.nanoTime();
        stop.set(true);
        stop.set(true); // a second request changes nothing
        assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo(PublishLoop.End.STOPPED);
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofMillis(1_000));
        records.close();

        assertThat(granted.get()).isEqualTo(300);
        // every record made was sent, held back ones (duplicates, out of order) included, and each counted once
        assertThat(records.counts().total()).isEqualTo(producer.history().size());
        assertThat(producer.history().size()).isGreaterThanOrEqualTo(300);
        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(producer.history().size(),
                producer.history().size(), 0));
    }

    @Test
    void theDurationEndingWhileWaitingIsALimitReachedNotAStopAndLosesNothing() throws Exception {
        var granted = new AtomicInteger();
        var records = PregeneratedRecords.start(traffic(Imperfections.NONE), firstThenNever(100, granted), 0);
        var loop = new PublishLoop(records, new EventPublisher(producer, "t", counters), Pacer.UNPACED, counters, Ticker.SYSTEM);
        long started = System.nanoTime();
        PublishLoop.End end = thread.submit(() -> loop.run(new PublishLoop.Limits(0, Duration.ofMillis(400)), stop))
                .get(5, TimeUnit.SECONDS);
        records.close();
        assertThat(end).isEqualTo(PublishLoop.End.LIMIT_REACHED);
        assertThat(stop.get()).as("no stop was requested").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(400), Duration.ofMillis(1_500));
        assertThat(producer.history()).hasSize(100);
        assertThat(records.counts().total()).isEqualTo(100);
    }

    @Test
    void theDurationEndingWhileRecordsFlowAtFullSpeedCountsEveryRecordSentAndAcked() throws Exception {
        var records = PregeneratedRecords.start(traffic(new Imperfections(0.05, 0.05, 0.1, 0.1)), 0);
        var loop = new PublishLoop(records, new EventPublisher(producer, "t", counters), Pacer.UNPACED, counters, Ticker.SYSTEM);
        PublishLoop.End end = thread.submit(() -> loop.run(new PublishLoop.Limits(0, Duration.ofMillis(300)), stop))
                .get(5, TimeUnit.SECONDS);
        records.close();
        assertThat(end).isEqualTo(PublishLoop.End.LIMIT_REACHED);
        int sent = producer.history().size();
        assertThat(sent).isPositive();
        assertThat(records.counts().total()).isEqualTo(sent);
        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(sent, sent, 0));
    }

    @Test
    void aStopAndAnElapsedDurationTogetherEndStopped() throws Exception {
        var granted = new AtomicInteger();
        var records = PregeneratedRecords.start(traffic(Imperfections.NONE), firstThenNever(10, granted), 0);
        var loop = new PublishLoop(records, new EventPublisher(producer, "t", counters), Pacer.UNPACED, counters, Ticker.SYSTEM);
        Future<PublishLoop.End> run = thread.submit(() -> loop.run(new PublishLoop.Limits(0, Duration.ofMillis(200)), stop));
        awaitSent(10);
        stop.set(true);
        assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo(PublishLoop.End.STOPPED);
        records.close();
        assertThat(producer.history()).hasSize(10);
    }

    /**
     * The making thread fails right as the stop comes in: the run may end in the failure or as stopped, but the
     * records made before the failure are sent either way (as they are when nobody stops).
     */
    @Test
    void aMakingFailureRacingAStopNeverLosesTheRecordsMadeBeforeIt() throws Exception {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1, START);
        var made = new AtomicInteger();
        var release = new CountDownLatch(1);
        Pacer tenThenHeld = new Pacer() {
            @Override
            public boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
                if (made.get() >= 10) {
                    release.await();
                }
                return true;
            }

            @Override
            public boolean ready() {
                return made.get() < 10;
            }

            @Override
            public long behindNanos() {
                return 0;
            }
        };
        var records = PregeneratedRecords.start(new TrafficShaper(() -> {
            if (made.incrementAndGet() > 10) {
                throw new IllegalArgumentException("model broke");
            }
            return generator.next();
        }, Imperfections.NONE, 1), tenThenHeld, 0);
        var loop = new PublishLoop(records, new EventPublisher(producer, "t", counters), Pacer.UNPACED, counters, Ticker.SYSTEM);
        Future<PublishLoop.End> run = thread.submit(() -> loop.run(PublishLoop.Limits.UNBOUNDED, stop));
        awaitSent(10);
        Thread.sleep(150);
        stop.set(true);
        release.countDown();
        Throwable failed = catchThrowable(() -> run.get(5, TimeUnit.SECONDS));
        records.close();
        if (failed != null) {
            assertThat(failed).hasStackTraceContaining("model broke");
        }
        assertThat(producer.history()).as("the ten made before the failure").hasSize(10);
    }

    /**
     * The ten made are still in the making thread's batch when the stop comes; the failure that follows queues them
     * with the end marker, and the publishing thread may already hold them: they must still be sent (or the failure
     * reported after them), not dropped because drain() throws.
     */
    @Test
    void aMakingFailureAfterABatchWaitingToBeHandedOverStillSendsThatBatchOnAStop() throws Exception {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1, START);
        var made = new AtomicInteger();
        var release = new CountDownLatch(1);
        Pacer heldWithBatch = new Pacer() {
            @Override
            public boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
                if (made.get() >= 10) {
                    release.await(); // the ten are still in the making thread's batch: ready() said go on
                }
                return true;
            }

            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public long behindNanos() {
                return 0;
            }
        };
        var records = PregeneratedRecords.start(new TrafficShaper(() -> {
            if (made.incrementAndGet() > 10) {
                throw new IllegalArgumentException("model broke");
            }
            return generator.next();
        }, Imperfections.NONE, 1), heldWithBatch, 0);
        var loop = new PublishLoop(records, new EventPublisher(producer, "t", counters), Pacer.UNPACED, counters, Ticker.SYSTEM);
        Future<PublishLoop.End> run = thread.submit(() -> loop.run(PublishLoop.Limits.UNBOUNDED, stop));
        Thread.sleep(250);
        assertThat(producer.history()).as("nothing handed over yet").isEmpty();
        stop.set(true);
        release.countDown(); // the failure races the stop's drain
        Throwable failed = catchThrowable(() -> run.get(5, TimeUnit.SECONDS));
        records.close();
        if (failed != null) {
            assertThat(failed).hasStackTraceContaining("model broke");
        }
        assertThat(producer.history()).as("the ten made before the failure").hasSize(10);
    }

    @Test
    void aFatalErrorWhileWaitingEndsFatalEvenWithAStopRequestedToo() throws Exception {
        var granted = new AtomicInteger();
        var records = PregeneratedRecords.start(traffic(Imperfections.NONE), firstThenNever(20, granted), 0);
        var loop = new PublishLoop(records, new EventPublisher(producer, "t", counters), Pacer.UNPACED, counters, Ticker.SYSTEM);
        Future<PublishLoop.End> run = thread.submit(() -> loop.run(PublishLoop.Limits.UNBOUNDED, stop));
        awaitSent(20);
        Thread.sleep(150);
        counters.fatal("broker said no");
        stop.set(true);
        assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo(PublishLoop.End.FATAL);
        records.close();
        assertThat(producer.history()).hasSize(20);
    }

    @Test
    void anEventLimitMetByTheRecordsMadeEndsWithoutWaitingForTheNext() throws Exception {
        var granted = new AtomicInteger();
        var records = PregeneratedRecords.start(traffic(Imperfections.NONE), firstThenNever(100, granted), 100);
        var loop = new PublishLoop(records, new EventPublisher(producer, "t", counters), Pacer.UNPACED, counters, Ticker.SYSTEM);
        long started = System.nanoTime();
        assertThat(thread.submit(() -> loop.run(new PublishLoop.Limits(100, Duration.ZERO), stop)).get(5, TimeUnit.SECONDS))
                .isEqualTo(PublishLoop.End.LIMIT_REACHED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        records.close();
        assertThat(producer.history()).hasSize(100);
    }
}
