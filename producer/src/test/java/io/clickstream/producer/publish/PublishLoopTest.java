package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulatedClock;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.sim.VisitLength;
import io.clickstream.producer.testing.FakeTime;
import io.clickstream.producer.traffic.Imperfections;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class PublishLoopTest {
    private final FakeTime time = new FakeTime();
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final DeliveryCounters counters = new DeliveryCounters();
    private final AtomicBoolean stop = new AtomicBoolean();

    private static final Instant START = Instant.parse("2026-01-19T00:00:00Z");

    /** A shop sized for {@code rate} events per second, open for half an hour, on a clock that moves with {@link #time}. */
    private ClickstreamGenerator shop(double rate) {
        double sessionsPerSecond = rate / VisitLength.meanEventsPerSession(SimulationSettings.DEFAULTS);
        return new ClickstreamGenerator(SimulationSettings.DEFAULTS.withSessionsPerSecond(sessionsPerSecond), 1, START,
                Duration.ofMinutes(30));
    }

    private Pacer pacer(ClickstreamGenerator generator) {
        var clock = SimulatedClock.of(START, 1, time::nanoTime, InstantSource.fixed(START));
        return new EventTimePacer(generator::nextEventNanos, clock, 1, time);
    }

    /** @param rate events per second; 0 = made and sent without waiting */
    private PublishLoop loop(double rate, Imperfections imperfections, long maxRecords) {
        ClickstreamGenerator generator = shop(rate == 0 ? 100 : rate);
        return new PublishLoop(new ShapedRecords(new TrafficShaper(generator, imperfections, 1), maxRecords),
                new EventPublisher(producer, "clickstream", counters), rate == 0 ? Pacer.UNPACED : pacer(generator),
                counters, time);
    }

    @Test
    void sendsExactlyTheRequestedNumberOfRecordsHeldBackOnesIncluded() {
        PublishLoop.End end = loop(0, new Imperfections(0.1, 0.1, 0.3, 0.2), 10_000)
                .run(new PublishLoop.Limits(10_000, Duration.ZERO), stop);
        assertThat(end).isEqualTo(PublishLoop.End.LIMIT_REACHED);
        assertThat(producer.history()).hasSize(10_000);
        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(10_000, 10_000, 0));
    }

    @Test
    void sendsAboutTheRateEachEventWhenItsTimeComesUntilTheDurationIsUp() {
        PublishLoop.End end = loop(200, Imperfections.NONE, 0).run(new PublishLoop.Limits(0, Duration.ofSeconds(10)), stop);
        assertThat(end).isEqualTo(PublishLoop.End.LIMIT_REACHED);
        // the shop's own rate varies from second to second: 2,000 on average
        assertThat(producer.history().size()).isBetween(1_800, 2_200);
        var decoder = new EventDecoder(1 << 20);
        for (var record : producer.history()) {
            var event = ((DecodeResult.Valid) decoder.decode(record.value())).event();
            assertThat(event.timestamp()).isBetween(START, START.plusSeconds(10));
        }
    }

    @Test
    void stopsOnRequestAndStillSendsTheHeldBackEvents() {
        time.onSleep(() -> stop.set(time.nanoTime() > 6_000_000_000L));
        PublishLoop.End end = loop(100, new Imperfections(0, 0, 0.5, 0), 0).run(PublishLoop.Limits.UNBOUNDED, stop);
        assertThat(end).isEqualTo(PublishLoop.End.STOPPED);
        assertThat(producer.history().size()).isBetween(420, 600); // 5 s at about 100/s, plus the drained ones
        assertThat(counters.sentCount()).isEqualTo(producer.history().size());
    }

    @Test
    void aFatalErrorStopsGenerating() {
        var failing = new MockProducer<byte[], byte[]>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        ClickstreamGenerator generator = shop(10);
        var publisher = new EventPublisher(failing, "clickstream", counters);
        var loop = new PublishLoop(new ShapedRecords(new TrafficShaper(generator, Imperfections.NONE, 1), 0), publisher,
                pacer(generator), counters, time);
        time.onSleep(() -> {
            if (!failing.history().isEmpty() && counters.fatalError() == null) {
                failing.errorNext(new TopicAuthorizationException("no write access to clickstream"));
            }
        });
        assertThat(loop.run(PublishLoop.Limits.UNBOUNDED, stop)).isEqualTo(PublishLoop.End.FATAL);
        assertThat(counters.fatalError()).contains("TopicAuthorizationException");
    }
}
