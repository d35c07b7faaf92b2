package io.clickstream.sandbox.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.producer.ProducerApp;
import io.clickstream.producer.ProducerConfig;
import io.clickstream.producer.ProducerSummary;
import io.clickstream.producer.ProducerSummary.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The in-process {@link ProducerApp} against a real broker: what it reports is what the topic holds. */
class ProducerDeliveryIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    private static final EventDecoder DECODER = new EventDecoder(1 << 20);

    @Test
    void producesExactlyNRecordsForNEvents() {
        String topic = "exactly-n";
        long events = 20_000;
        ProducerConfig config = ProducerEnv.of(KAFKA.bootstrapServers(), topic)
                .with(ProducerConfig.EVENTS, events)
                .config();

        ProducerSummary summary = new ProducerApp().run(config, new AtomicBoolean());

        assertThat(summary.outcome()).isEqualTo(Outcome.FINISHED);
        assertThat(summary.succeeded()).as(String.join("\n", summary.describe())).isTrue();
        assertThat(summary.sent()).isEqualTo(events);
        assertThat(summary.acked()).isEqualTo(events);
        assertThat(summary.failed()).isZero();
        assertThat(TopicRecords.count(KAFKA.bootstrapServers(), topic)).isEqualTo(events);

        List<ConsumerRecord<byte[], byte[]>> records = TopicRecords.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(60));
        assertThat(records.size()).as("records read back").isEqualTo(events);
        var eventIds = new HashSet<String>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ClickEvent event = decodeValid(record);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).as("key of %s", event.eventId())
                    .isEqualTo(event.sessionId());
            eventIds.add(event.eventId());
        }
        assertThat(eventIds.size()).as("distinct event ids").isEqualTo(events);
    }

    @Test
    void imperfectTrafficStillProducesExactlyNRecords() {
        String topic = "exactly-n-imperfect";
        long events = 20_000;
        // Seed 13 draws a duplicate for the very last event: the held-back copy must not make it N + 1.
        ProducerConfig config = ProducerEnv.of(KAFKA.bootstrapServers(), topic)
                .with(ProducerConfig.EVENTS, events)
                .with(ProducerConfig.SEED, 13)
                .with(ProducerConfig.INVALID_RATIO, 0.05)
                .with(ProducerConfig.LATE_RATIO, 0.05)
                .with(ProducerConfig.OUT_OF_ORDER_RATIO, 0.05)
                .with(ProducerConfig.DUPLICATE_RATIO, 0.1)
                .config();

        ProducerSummary summary = new ProducerApp().run(config, new AtomicBoolean());

        assertThat(summary.succeeded()).as(String.join("\n", summary.describe())).isTrue();
        assertThat(summary.sent()).isEqualTo(events);
        assertThat(summary.traffic().total()).isEqualTo(events);
        List<ConsumerRecord<byte[], byte[]>> records = TopicRecords.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(60));
        assertThat(records.size()).as("records read back").isEqualTo(events);
        long invalid = 0;
        var eventIds = new HashSet<String>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (DECODER.decode(record.value()) instanceof DecodeResult.Valid valid) {
                eventIds.add(valid.event().eventId());
            } else {
                invalid++;
            }
        }
        assertThat(invalid).as("records the consumer would reject").isEqualTo(summary.traffic().invalid()).isPositive();
        // every valid event once, and the duplicates as second copies of them
        assertThat(eventIds.size()).as("distinct event ids").isEqualTo(events - invalid - summary.duplicates());
    }

    @Test
    void brokerStoppedForTenSecondsMidRunLosesNothing() throws Exception {
        String topic = "broker-outage";
        long events = 20_000; // 20 s at 1000/s, plus the outage
        ProducerConfig config = ProducerEnv.of(KAFKA.bootstrapServers(), topic)
                .with(ProducerConfig.EVENTS, events)
                .with(ProducerConfig.RATE, 1000)
                .with(ProducerConfig.DELIVERY_TIMEOUT, "2m")
                .config();

        ProducerSummary summary = runThroughTenSecondOutage(config, topic, false);

        assertThat(summary.outcome()).isEqualTo(Outcome.FINISHED);
        assertThat(summary.sent()).isEqualTo(events);
        assertThat(TopicRecords.count(KAFKA.bootstrapServers(), topic)).as("records in the topic").isEqualTo(events);
        assertEachSentEventOnceInTheTopic(topic, summary);
    }

    @Test
    void anUnthrottledRunWithRecordsMadeAheadLosesNothingWhenTheBrokerStopsForTenSeconds() throws Exception {
        // Rate 0 makes records on a thread of their own, ahead of sending: that path through an outage.
        String topic = "broker-outage-unthrottled";
        ProducerConfig config = ProducerEnv.of(KAFKA.bootstrapServers(), topic)
                .with(ProducerConfig.RATE, 0)
                .with(ProducerConfig.DELIVERY_TIMEOUT, "2m")
                .config();

        // An unbounded run, stopped as the broker comes back: whatever was made must still be sent.
        ProducerSummary summary = runThroughTenSecondOutage(config, topic, true);

        assertThat(summary.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(summary.sent()).isGreaterThan(3_000);
        assertEachSentEventOnceInTheTopic(topic, summary);
    }

    /**
     * Runs the producer, stops the broker for 10 s once 3,000 records are in the topic (the producer must
     * still be waiting then, not giving up), starts it again, optionally stops the run, and returns the
     * summary, which must count every sent record as acknowledged.
     */
    private static ProducerSummary runThroughTenSecondOutage(ProducerConfig config, String topic, boolean stopAfterOutage)
            throws Exception {
        var stop = new AtomicBoolean();
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "producer-under-test"));
        try {
            Future<ProducerSummary> run = thread.submit(() -> new ProducerApp().run(config, stop));
            TopicRecords.awaitAtLeast(KAFKA.bootstrapServers(), topic, 3_000, Duration.ofSeconds(60));

            KAFKA.kafka().stop();
            Thread.sleep(10_000);
            assertThat(run.isDone()).as("the producer waits for the broker instead of giving up").isFalse();
            KAFKA.kafka().start();
            if (stopAfterOutage) {
                stop.set(true);
            }

            ProducerSummary summary = run.get(2, TimeUnit.MINUTES);
            assertThat(summary.succeeded()).as(String.join("\n", summary.describe())).isTrue();
            assertThat(summary.acked()).isEqualTo(summary.sent());
            assertThat(summary.failed()).isZero();
            return summary;
        } finally {
            stop.set(true);
            thread.shutdownNow();
            KAFKA.kafka().start(); // a no-op unless an assertion failed during the outage
        }
    }

    /** Retries after an outage must not have written any event twice (the runs ask for no duplicates). */
    private static void assertEachSentEventOnceInTheTopic(String topic, ProducerSummary summary) {
        var eventIds = new ArrayList<String>();
        TopicRecords.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(60))
                .forEach(record -> eventIds.add(decodeValid(record).eventId()));
        assertThat(eventIds.size()).as("records read back: every one the summary counts as sent").isEqualTo(summary.sent());
        assertThat(duplicatesOf(eventIds)).as("event ids written more than once").isEmpty();
    }

    private static List<String> duplicatesOf(List<String> ids) {
        return ids.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting())).entrySet().stream()
                .filter(e -> e.getValue() > 1).map(e -> e.getKey() + " x" + e.getValue()).limit(20).toList();
    }

    private static ClickEvent decodeValid(ConsumerRecord<byte[], byte[]> record) {
        DecodeResult result = DECODER.decode(record.value());
        assertThat(result).as("record %s-%d: %s", record.partition(), record.offset(),
                new String(record.value(), StandardCharsets.UTF_8)).isInstanceOf(DecodeResult.Valid.class);
        return ((DecodeResult.Valid) result).event();
    }
}
