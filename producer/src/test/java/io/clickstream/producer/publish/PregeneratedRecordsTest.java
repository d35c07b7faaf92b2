package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.traffic.Imperfections;
import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.TrafficCounts;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.producer.traffic.TrafficTally;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PregeneratedRecordsTest {
    private static final Imperfections IMPERFECT = new Imperfections(0.05, 0.05, 0.1, 0.1);

    private static final Instant START = Instant.parse("2026-01-19T08:00:00Z");

    /** A fresh model, so every run of it makes the same records. */
    private static TrafficShaper traffic(Imperfections imperfections) {
        return new TrafficShaper(new ClickstreamGenerator(SimulationSettings.DEFAULTS, 11, START), imperfections, 11);
    }

    private static String text(OutgoingRecord record) {
        return record.kind() + " " + record.invalidKind() + " " + new String(record.key(), StandardCharsets.UTF_8) + " "
                + new String(record.value(), StandardCharsets.UTF_8);
    }

    private static List<String> take(RecordSource source, int count) throws InterruptedException {
        var taken = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            taken.add(text(source.next(() -> false)));
        }
        return taken;
    }

    private static TrafficCounts tally(List<OutgoingRecord> records) {
        var tally = new TrafficTally();
        records.forEach(tally::count);
        return tally.counts();
    }

    @Test
    void makesTheSameRecordsInTheSameOrderAsMakingThemOneByOne() throws Exception {
        for (int limit : new int[] {1, PregeneratedRecords.BATCH - 1, PregeneratedRecords.BATCH,
                PregeneratedRecords.BATCH * PregeneratedRecords.QUEUED_BATCHES * 3 + 17, 20_000}) {
            List<String> expected;
            TrafficCounts expectedCounts;
            try (var direct = new ShapedRecords(traffic(IMPERFECT), limit)) {
                expected = take(direct, limit);
                assertThat(direct.drain()).isEmpty();
                expectedCounts = direct.counts();
            }
            try (var ahead = PregeneratedRecords.start(traffic(IMPERFECT), limit)) {
                assertThat(take(ahead, limit)).as("limit %d", limit).isEqualTo(expected);
                assertThat(ahead.drain()).as("nothing left after the limit").isEmpty();
                assertThat(ahead.counts()).isEqualTo(expectedCounts);
                assertThat(ahead.counts().total()).isEqualTo(limit);
            }
        }
    }

    @Test
    void countsOnlyTheRecordsHandedOutNotTheOnesMadeAhead() throws Exception {
        try (var ahead = PregeneratedRecords.start(traffic(IMPERFECT), 0)) {
            take(ahead, 10);
            Thread.sleep(50); // let it fill the queue
            assertThat(ahead.counts().total()).isEqualTo(10);
        }
    }

    @Test
    void drainingAnUnlimitedRunHandsOverEverythingMadeInOrderHeldBackRecordsIncluded() throws Exception {
        List<OutgoingRecord> drained;
        List<String> all = new ArrayList<>();
        TrafficCounts counts;
        try (var ahead = PregeneratedRecords.start(traffic(IMPERFECT), 0)) {
            all.addAll(take(ahead, 1_000));
            Thread.sleep(50);
            drained = ahead.drain();
            drained.forEach(record -> all.add(text(record)));
            counts = ahead.counts();
            assertThatThrownBy(() -> ahead.next(() -> false)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(drained).as("the records made ahead are handed over, not dropped").isNotEmpty();
        assertThat(counts.total()).isEqualTo(all.size());

        // One by one: the same records are the first ones made, then what was held back at that point.
        boolean matched = false;
        for (int held = 0; held <= 200 && !matched; held++) {
            try (var direct = new ShapedRecords(traffic(IMPERFECT), 0)) {
                List<String> expected = take(direct, all.size() - held);
                direct.drain().forEach(record -> expected.add(text(record)));
                matched = expected.equals(all);
                if (matched) {
                    assertThat(direct.counts()).isEqualTo(counts);
                }
            }
        }
        assertThat(matched).as("taken + drained is what making them one by one and draining gives").isTrue();
    }

    @Test
    void closingStopsTheMakingThreadEvenWhenItWaitsOnAFullQueue() throws Exception {
        var made = new AtomicInteger();
        var makingThread = new AtomicReference<Thread>();
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1, START);
        var ahead = PregeneratedRecords.start(new TrafficShaper(() -> {
            makingThread.compareAndSet(null, Thread.currentThread());
            made.incrementAndGet();
            return generator.next();
        }, Imperfections.NONE, 1), 0);
        while (made.get() < PregeneratedRecords.BATCH * PregeneratedRecords.QUEUED_BATCHES) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        int bound = PregeneratedRecords.BATCH * (PregeneratedRecords.QUEUED_BATCHES + 1);
        assertThat(made.get()).as("made ahead, bounded").isLessThanOrEqualTo(bound);
        ahead.close();
        assertThat(makingThread.get().isAlive()).as("the making thread has ended").isFalse();
        ahead.close(); // idempotent
        assertThat(made.get()).isLessThanOrEqualTo(bound);
    }

    @Test
    void aFailureWhileMakingRecordsComesOutOfNextAfterTheRecordsMadeBeforeIt() throws Exception {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1, START);
        var made = new AtomicInteger();
        try (var ahead = PregeneratedRecords.start(new TrafficShaper(() -> {
            if (made.incrementAndGet() > 300) {
                throw new IllegalArgumentException("model broke");
            }
            return generator.next();
        }, Imperfections.NONE, 1), 0)) {
            take(ahead, 300);
            assertThatThrownBy(() -> ahead.next(() -> false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("model broke").hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRecordIsMadeOnlyWhenThePacerLetsItGoAndWhatWasMadeIsHandedOverBeforeWaiting() throws Exception {
        var made = new AtomicInteger();
        var release = new CountDownLatch(1);
        Pacer firstTenThenWait = new Pacer() {
            @Override
            public boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
                if (made.get() >= 10) {
                    release.await();
                }
                return !cancelled.getAsBoolean();
            }

            @Override
            public boolean ready() {
                return made.get() < 10 || release.getCount() == 0;
            }

            @Override
            public long behindNanos() {
                return 0;
            }
        };
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1, START);
        try (var ahead = PregeneratedRecords.start(new TrafficShaper(() -> {
            made.incrementAndGet();
            return generator.next();
        }, Imperfections.NONE, 1), firstTenThenWait, 0)) {
            assertThat(take(ahead, 10)).as("the ten made are sent while the eleventh waits").hasSize(10);
            Thread.sleep(50);
            assertThat(made.get()).as("nothing made before the pacer lets it go").isEqualTo(10);
            release.countDown();
            assertThat(take(ahead, 1_000)).hasSize(1_000);
        }
    }

    @Test
    void waitingForARecordNotDueYetEndsWithinAWaitStepOnceTheRunIsCancelled() throws Exception {
        var release = new CountDownLatch(1);
        Pacer neverDue = new Pacer() {
            @Override
            public boolean acquire(BooleanSupplier cancelled) throws InterruptedException {
                release.await();
                return !cancelled.getAsBoolean();
            }

            @Override
            public boolean ready() {
                return false;
            }

            @Override
            public long behindNanos() {
                return 0;
            }
        };
        var cancelled = new AtomicBoolean();
        try (var ahead = PregeneratedRecords.start(traffic(IMPERFECT), neverDue, 0)) {
            var waiter = Executors.newSingleThreadExecutor();
            try {
                Future<OutgoingRecord> next = waiter.submit(() -> ahead.next(cancelled::get));
                Thread.sleep(3 * PregeneratedRecords.WAIT_STEP_MILLIS);
                assertThat(next.isDone()).as("still waiting for a record not due").isFalse();

                long cancelledAt = System.nanoTime();
                cancelled.set(true);
                assertThat(next.get(5, TimeUnit.SECONDS)).as("no record: the run was cancelled").isNull();
                assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt))
                        .isLessThan(Duration.ofMillis(3 * PregeneratedRecords.WAIT_STEP_MILLIS));
            } finally {
                waiter.shutdownNow();
                release.countDown();
            }
        }
    }

    @Test
    void theRecordLimitIsNeverExceeded() throws Exception {
        try (var ahead = PregeneratedRecords.start(traffic(IMPERFECT), 3)) {
            take(ahead, 3);
            assertThatThrownBy(() -> ahead.next(() -> false)).isInstanceOf(IllegalStateException.class).hasMessageContaining("3");
        }
    }
}
