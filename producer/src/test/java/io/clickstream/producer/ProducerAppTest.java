package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.producer.ProducerSummary.Outcome;
import io.clickstream.producer.publish.ClusterAccess;
import io.clickstream.producer.publish.KafkaClients;
import io.clickstream.producer.testing.FakeTime;
import io.clickstream.producer.traffic.InvalidKind;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ProducerAppTest {
    private final FakeTime time = new FakeTime();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<String, Object> producerProperties = new HashMap<>();
    private final Map<String, Object> adminProperties = new HashMap<>();
    private MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private boolean brokerUp = true;

    private final KafkaClients clients = new KafkaClients() {
        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
            producerProperties.putAll(properties);
            return producer;
        }

        @Override
        public ClusterAccess cluster(Map<String, Object> properties) {
            adminProperties.putAll(properties);
            return new ClusterAccess() {
                @Override
                public int describeCluster(Duration timeout) {
                    if (!brokerUp) {
                        time.advance(timeout.toNanos());
                        throw new TimeoutException("Timed out waiting for a node assignment. Call: describeCluster");
                    }
                    return 1;
                }

                @Override
                public OptionalInt partitions(String topic, Duration timeout) {
                    return OptionalInt.of(3);
                }

                @Override
                public void createTopic(String topic, int partitions, short replicationFactor, Duration timeout) {
                }

                @Override
                public void close() {
                }
            };
        }
    };

    private static final Instant WALL_START = Instant.parse("2026-01-19T12:00:00Z");
    /** The wall clock moves with {@link #time}: when something sleeps on it, or a test moves it. */
    private final InstantSource wall = () -> WALL_START.plusNanos(time.nanoTime());
    private final ProducerApp app = new ProducerApp(clients, time, time, wall);

    private static ProducerConfig config(String... keysAndValues) {
        var env = new HashMap<String, String>();
        env.put("PRODUCER_SEED", "1");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ProducerConfig.from(env, Set.of());
    }

    @Test
    void producesTheRequestedEventsAndReportsThemAllAcknowledged() {
        ProducerSummary summary = app.run(config("PRODUCER_EVENTS", "5000", "PRODUCER_INVALID_RATIO", "0.1",
                "PRODUCER_DUPLICATE_RATIO", "0.05", "PRODUCER_LATE_RATIO", "0.05", "PRODUCER_OUT_OF_ORDER_RATIO", "0.05"), stop);

        assertThat(summary.outcome()).isEqualTo(Outcome.FINISHED);
        assertThat(summary.succeeded()).isTrue();
        assertThat(summary.sent()).isEqualTo(5000);
        assertThat(summary.acked()).isEqualTo(5000);
        assertThat(summary.failed()).isZero();
        assertThat(summary.traffic().total()).isEqualTo(5000);
        assertThat(summary.duplicates()).isPositive();
        assertThat(summary.invalidByKind()).containsOnlyKeys(InvalidKind.values());
        assertThat(summary.invalidByKind().values().stream().mapToLong(Long::longValue).sum()).isBetween(400L, 600L);
        assertThat(producer.history()).hasSize(5000);
        assertThat(producer.closed()).isTrue();
        assertThat(ProducerMain.exitCode(summary)).isZero();

        var decoder = new EventDecoder(1 << 20);
        long valid = producer.history().stream().filter(r -> decoder.decode(r.value()) instanceof DecodeResult.Valid).count();
        assertThat(valid).isEqualTo(5000 - summary.traffic().invalid());
    }

    @Test
    void configuresTheProducerForDurability() {
        app.run(config("PRODUCER_EVENTS", "1", "PRODUCER_COMPRESSION", "gzip", "PRODUCER_LINGER_MS", "7",
                "PRODUCER_BATCH_SIZE", "64KB", "PRODUCER_DELIVERY_TIMEOUT", "90s"), stop);
        assertThat(producerProperties)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("compression.type", "gzip")
                .containsEntry("linger.ms", 7)
                .containsEntry("batch.size", 65_536)
                .containsEntry("delivery.timeout.ms", 90_000)
                .containsEntry("request.timeout.ms", 30_000);
    }

    @Test
    void theUsersKafkaClientPropertiesReachTheProducerAndTheStartUpAdminClientOverTheirOwn() {
        app.run(config("PRODUCER_EVENTS", "1", "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_CLIENT_CLIENT_ID", "shop-simulator"), stop);

        for (Map<String, Object> properties : List.of(producerProperties, adminProperties)) {
            assertThat(properties).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("client.id", "shop-simulator");
        }
        assertThat(producerProperties).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
    }

    @Test
    void eventsThatCannotBeDeliveredAreCountedAndFailTheRun() {
        var calls = new AtomicInteger();
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                    Callback callback) {
                if (calls.incrementAndGet() % 10 == 0) {
                    // what the real client reports when a broker stays away longer than delivery.timeout.ms
                    callback.onCompletion(null, new TimeoutException("Expiring 1 record(s) for clickstream-0: "
                            + "120000 ms has passed since batch creation"));
                    return java.util.concurrent.CompletableFuture.failedFuture(new TimeoutException("expired"));
                }
                return super.send(record, callback);
            }
        };
        ProducerSummary summary = app.run(config("PRODUCER_EVENTS", "1000"), stop);
        assertThat(summary.sent()).isEqualTo(1000);
        assertThat(summary.acked()).isEqualTo(900);
        assertThat(summary.failed()).isEqualTo(100);
        assertThat(summary.failuresByError()).isEqualTo(Map.of("TimeoutException", 100L));
        assertThat(summary.succeeded()).isFalse();
        assertThat(ProducerMain.exitCode(summary)).isEqualTo(1);
        assertThat(summary.describe()).anySatisfy(line -> assertThat(line).contains("NOT ACKNOWLEDGED: 100 events"));
    }

    @Test
    void anUnreachableBrokerEndsTheRunAfterTheStartupTimeoutWithoutSendingAnything() {
        brokerUp = false;
        ProducerSummary summary = app.run(config("PRODUCER_STARTUP_TIMEOUT", "20s"), stop);
        assertThat(summary.outcome()).isEqualTo(Outcome.BROKER_UNREACHABLE);
        assertThat(summary.problem()).startsWith("Kafka at localhost:9092 is not usable after ");
        assertThat(summary.sent()).isZero();
        assertThat(producer.history()).isEmpty();
        assertThat(ProducerMain.exitCode(summary)).isEqualTo(1);
    }

    @Test
    void aStopRequestFlushesAndEndsWithSuccess() {
        time.onSleep(() -> stop.set(time.nanoTime() > 3_000_000_000L));
        ProducerSummary summary = app.run(config("PRODUCER_RATE", "100"), stop);
        assertThat(summary.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(summary.sent()).isBetween(150L, 250L);
        assertThat(summary.allAcknowledged()).isTrue();
        assertThat(ProducerMain.exitCode(summary)).isZero();
        assertThat(producer.flushed()).isTrue();
    }

    @Test
    void anUnthrottledRunSendsTheSameRecordsAsAPacedOneForTheSameShopAndStart() {
        String[] imperfect = {"PRODUCER_EVENTS", "3000", "PRODUCER_INVALID_RATIO", "0.05", "PRODUCER_DUPLICATE_RATIO", "0.05",
                "PRODUCER_LATE_RATIO", "0.05", "PRODUCER_OUT_OF_ORDER_RATIO", "0.05", "PRODUCER_SESSION_RATE", "5",
                "PRODUCER_START_TIME", "2026-01-19T00:00:00Z"};
        ProducerSummary unthrottled = app.run(config(imperfect), stop); // made ahead on a thread of their own
        List<String> ahead = producer.history().stream().map(ProducerAppTest::text).toList();

        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        String[] paced = java.util.Arrays.copyOf(imperfect, imperfect.length + 4);
        paced[imperfect.length] = "PRODUCER_RATE";
        paced[imperfect.length + 1] = "1000"; // made one by one as each is due on the simulated clock
        paced[imperfect.length + 2] = "PRODUCER_SPEEDUP";
        paced[imperfect.length + 3] = "600";
        ProducerSummary oneByOne = app.run(config(paced), stop);

        assertThat(ahead).hasSize(3000).isEqualTo(producer.history().stream().map(ProducerAppTest::text).toList());
        assertThat(unthrottled.traffic()).isEqualTo(oneByOne.traffic());
    }

    @Test
    void anUnthrottledRunNeverSendsAnEventAheadOfTheWallClockAndEndsAboutNow() {
        var lateness = new java.util.ArrayList<Duration>();
        var decoder = new EventDecoder(1 << 20);
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                    Callback callback) {
                var event = ((DecodeResult.Valid) decoder.decode(record.value())).event();
                lateness.add(Duration.between(event.timestamp(), wall.instant()));
                return super.send(record, callback);
            }
        };
        ProducerSummary summary = app.run(config("PRODUCER_EVENTS", "20000"), stop);

        assertThat(summary.sent()).isEqualTo(20_000);
        assertThat(lateness).allSatisfy(late -> assertThat(late.isNegative()).as("sent before its time: %s", late).isFalse());
        assertThat(lateness.get(lateness.size() - 1)).as("the last event's age when sent").isLessThan(Duration.ofMinutes(2));
        assertThat(lateness.get(0)).as("the first event's age: the run back-fills up to now")
                .isGreaterThan(Duration.ofMinutes(5));
    }

    @Test
    void aStopRequestDuringAnUnthrottledRunSendsEverythingMadeAndCountsWhatWasSent() {
        var calls = new AtomicInteger();
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                    Callback callback) {
                if (calls.incrementAndGet() == 5_000) {
                    stop.set(true);
                }
                return super.send(record, callback);
            }
        };
        ProducerSummary summary = app.run(config("PRODUCER_OUT_OF_ORDER_RATIO", "0.2", "PRODUCER_DUPLICATE_RATIO", "0.1"), stop);
        assertThat(summary.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(summary.sent()).isGreaterThanOrEqualTo(5_000).isEqualTo(producer.history().size());
        assertThat(summary.traffic().total()).isEqualTo(summary.sent());
        assertThat(summary.allAcknowledged()).isTrue();
        assertThat(ProducerMain.exitCode(summary)).isZero();
    }

    private static String text(ProducerRecord<byte[], byte[]> record) {
        return new String(record.key(), java.nio.charset.StandardCharsets.UTF_8) + " "
                + new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aBackfillSendsEachEventWhenItsTimeComesOnTheFasterClock() {
        // 2,000 events at 100 per second, 60 times faster than real time: 20 s of sending, 20 minutes of shop
        ProducerSummary summary = app.run(config("PRODUCER_EVENTS", "2000", "PRODUCER_RATE", "100",
                "PRODUCER_START_TIME", "2025-06-01T00:00:00Z", "PRODUCER_SPEEDUP", "60", "PRODUCER_DIURNAL", "false"), stop);
        assertThat(summary.succeeded()).isTrue();
        var decoder = new EventDecoder(1 << 20);
        List<Instant> times = producer.history().stream()
                .map(r -> ((DecodeResult.Valid) decoder.decode(r.value())).event().timestamp()).toList();
        Instant start = Instant.parse("2025-06-01T00:00:00Z");
        assertThat(times).isSorted().allSatisfy(t -> assertThat(t).isAfterOrEqualTo(start));
        assertThat(times.get(0)).isBefore(start.plusSeconds(10)); // the shop is open: the first event comes at once
        assertThat(times.get(times.size() - 1)).isBetween(start.plus(Duration.ofMinutes(17)), start.plus(Duration.ofMinutes(23)));
        assertThat(summary.elapsed()).isBetween(Duration.ofSeconds(17), Duration.ofSeconds(23));
    }
}
