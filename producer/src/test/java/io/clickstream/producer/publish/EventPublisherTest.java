package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.RecordKind;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class EventPublisherTest {
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final DeliveryCounters counters = new DeliveryCounters();
    private final EventPublisher publisher = new EventPublisher(producer, "clickstream", counters);

    private static OutgoingRecord record(String session, String json) {
        return new OutgoingRecord(session.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8),
                RecordKind.VALID, null);
    }

    @Test
    void sendsTheSessionIdAsKeyAndTheBytesAsValueToTheTopic() {
        publisher.send(record("session-1", "{\"a\":1}"));
        var sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("clickstream");
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("session-1");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void countsEveryRecordAsAcknowledgedOrFailedByError() {
        for (int i = 0; i < 10; i++) {
            publisher.send(record("s" + i, "{}"));
        }
        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(10, 0, 0));
        for (int i = 0; i < 7; i++) {
            producer.completeNext();
        }
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for clickstream-0: 120000 ms has passed"));
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for clickstream-1: 120000 ms has passed"));
        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(10, 7, 2));
        assertThat(counters.snapshot().inFlight()).isEqualTo(1);
        publisher.flush(); // MockProducer's flush acknowledges the rest
        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(10, 8, 2));
        assertThat(counters.failuresByError()).containsExactlyEntriesOf(java.util.Map.of("TimeoutException", 2L));
        assertThat(counters.fatalError()).isNull();
    }

    @Test
    void anAuthorizationErrorIsFatal() {
        publisher.send(record("s", "{}"));
        producer.errorNext(new TopicAuthorizationException("not allowed to write clickstream"));
        assertThat(counters.failedCount()).isEqualTo(1);
        assertThat(counters.fatalError()).contains("TopicAuthorizationException");
    }

    @Test
    void aSendThatThrowsIsCountedAsFailedAndStopsTheRun() {
        producer.close();
        publisher.send(record("s", "{}"));
        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(1, 0, 1));
        assertThat(counters.fatalError()).isNotNull();
    }
}
