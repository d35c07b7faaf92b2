package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.testing.FakeTime;
import io.clickstream.producer.traffic.Imperfections;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
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

    private PublishLoop loop(double rate, Imperfections imperfections, long maxRecords) {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1,
                new MutableClock(Instant.parse("2026-01-19T00:00:00Z")));
        return new PublishLoop(new ShapedRecords(new TrafficShaper(generator, imperfections, 1), maxRecords),
                new EventPublisher(producer, "clickstream", counters), new RateLimiter(rate, time, time), counters, time);
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
    void stopsWhenTheDurationIsUpAtTheTargetRate() {
        PublishLoop.End end = loop(200, Imperfections.NONE, 0).run(new PublishLoop.Limits(0, Duration.ofSeconds(10)), stop);
        assertThat(end).isEqualTo(PublishLoop.End.LIMIT_REACHED);
        assertThat(producer.history()).hasSize(2_000);
    }

    @Test
    void stopsOnRequestAndStillSendsTheHeldBackEvents() {
        time.onSleep(() -> stop.set(time.nanoTime() > 6_000_000_000L));
        PublishLoop.End end = loop(100, new Imperfections(0, 0, 0.5, 0), 0).run(PublishLoop.Limits.UNBOUNDED, stop);
        assertThat(end).isEqualTo(PublishLoop.End.STOPPED);
        assertThat(producer.history().size()).isBetween(500, 560); // 5 s at 100/s, plus the drained ones
        assertThat(counters.sentCount()).isEqualTo(producer.history().size());
    }

    @Test
    void aFatalErrorStopsGenerating() {
        var failing = new MockProducer<byte[], byte[]>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1,
                new MutableClock(Instant.parse("2026-01-19T00:00:00Z")));
        var publisher = new EventPublisher(failing, "clickstream", counters);
        var loop = new PublishLoop(new ShapedRecords(new TrafficShaper(generator, Imperfections.NONE, 1), 0), publisher,
                new RateLimiter(10, time, time), counters, time);
        time.onSleep(() -> {
            if (!failing.history().isEmpty() && counters.fatalError() == null) {
                failing.errorNext(new TopicAuthorizationException("no write access to clickstream"));
            }
        });
        assertThat(loop.run(PublishLoop.Limits.UNBOUNDED, stop)).isEqualTo(PublishLoop.End.FATAL);
        assertThat(counters.fatalError()).contains("TopicAuthorizationException");
    }
}
