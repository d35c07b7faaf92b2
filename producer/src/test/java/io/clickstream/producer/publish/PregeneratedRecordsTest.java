package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.traffic.Imperfections;
import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.TrafficCounts;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.producer.traffic.TrafficTally;
import io.clickstream.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PregeneratedRecordsTest {
    private static final Imperfections IMPERFECT = new Imperfections(0.05, 0.05, 0.1, 0.1);

    /** A fresh model on a clock that steps 10 ms per event, so every run of it makes the same records. */
    private static TrafficShaper traffic(Imperfections imperfections) {
        var clock = new MutableClock(Instant.parse("2026-01-19T08:00:00Z"));
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 11, clock);
        Supplier<ClickEvent> events = () -> {
            ClickEvent event = generator.next();
            clock.advance(Duration.ofMillis(10));
            return event;
        };
        return new TrafficShaper(events, imperfections, 11);
    }

    private static String text(OutgoingRecord record) {
        return record.kind() + " " + record.invalidKind() + " " + new String(record.key(), StandardCharsets.UTF_8) + " "
                + new String(record.value(), StandardCharsets.UTF_8);
    }

    private static List<String> take(RecordSource source, int count) throws InterruptedException {
        var taken = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            taken.add(text(source.next()));
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
            assertThatThrownBy(ahead::next).isInstanceOf(IllegalStateException.class);
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
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1,
                new MutableClock(Instant.parse("2026-01-19T08:00:00Z")));
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
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1,
                new MutableClock(Instant.parse("2026-01-19T08:00:00Z")));
        var made = new AtomicInteger();
        try (var ahead = PregeneratedRecords.start(new TrafficShaper(() -> {
            if (made.incrementAndGet() > 300) {
                throw new IllegalArgumentException("model broke");
            }
            return generator.next();
        }, Imperfections.NONE, 1), 0)) {
            take(ahead, 300);
            assertThatThrownBy(ahead::next).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("model broke").hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theRecordLimitIsNeverExceeded() throws Exception {
        try (var ahead = PregeneratedRecords.start(traffic(IMPERFECT), 3)) {
            take(ahead, 3);
            assertThatThrownBy(ahead::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("3");
        }
    }
}
