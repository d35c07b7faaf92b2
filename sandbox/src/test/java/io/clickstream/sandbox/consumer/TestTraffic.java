package io.clickstream.sandbox.consumer;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.common.json.EventJsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Test records sent with a plain {@link KafkaProducer} (acks=all): valid events written by
 * {@link EventJsonWriter}, with explicit Kafka timestamps interleaved over several hours so that a
 * generation holds several files, plus a few invalid values.
 *
 * <p>The hours are the last few before now: the broker refuses timestamps far in the future and
 * retention would delete old ones.
 */
final class TestTraffic implements AutoCloseable {
    private static final EventType[] TYPES = EventType.values();
    /** Invalid values, one of each kind the consumer must dead-letter. */
    static final List<byte[]> INVALID_VALUES = List.of(
            "{\"user_id\": ".getBytes(StandardCharsets.UTF_8),
            "[1, 2, 3]".getBytes(StandardCharsets.UTF_8),
            ("{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"teleport\",\"timestamp\":\"2026-01-19T10:00:00Z\","
                    + "\"page_url\":\"https://shop.example.com/\"}").getBytes(StandardCharsets.UTF_8),
            ("{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"click\",\"timestamp\":\"yesterday\","
                    + "\"page_url\":\"https://shop.example.com/\"}").getBytes(StandardCharsets.UTF_8));

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final int hours;
    private final Instant firstHour;
    private final Random random;
    private long sequence;
    private long invalidSent;

    /** What was sent, counted by kind. */
    record Sent(long valid, long invalid) {
        long total() {
            return valid + invalid;
        }

        Sent plus(Sent other) {
            return new Sent(valid + other.valid, invalid + other.invalid);
        }
    }

    TestTraffic(String bootstrap, String topic, int partitions, int hours, long seed) {
        this.topic = topic;
        this.partitions = partitions;
        this.hours = hours;
        this.firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
        this.random = new Random(seed);
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // One batch in flight: right after a topic is created the broker may answer NOT_LEADER_OR_FOLLOWER
        // while it takes later batches, and the idempotent producer then loops on OUT_OF_ORDER_SEQUENCE until
        // its delivery timeout (seen on 4.3.1). In order, a retry cannot be overtaken.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    /**
     * Sends {@code count} records round-robin over the partitions; every {@code invalidEvery}-th is invalid
     * (0 = none). Returns once every record is acknowledged.
     */
    Sent send(int count, int invalidEvery) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        long invalid = 0;
        for (int i = 0; i < count; i++) {
            long n = sequence++;
            boolean bad = invalidEvery > 0 && n % invalidEvery == invalidEvery - 1;
            Instant ingested = timestampOf(n);
            byte[] value = bad ? INVALID_VALUES.get((int) (invalidSent++ % INVALID_VALUES.size())) : validValue(ingested);
            if (bad) {
                invalid++;
            }
            acks.add(producer.send(new ProducerRecord<>(topic, (int) (n % partitions), ingested.toEpochMilli(),
                    ("session-" + (n % 97)).getBytes(StandardCharsets.UTF_8), value)));
        }
        awaitAll(acks);
        return new Sent(count - invalid, invalid);
    }

    /**
     * Sends {@code count} records like {@link #send} at about {@code perSecond}, in chunks of a tenth of a
     * second, so a running consumer sees them arrive over time rather than as one backlog.
     */
    Sent sendPaced(int count, int invalidEvery, int perSecond) throws InterruptedException {
        return sendPaced(count, invalidEvery, perSecond, () -> false);
    }

    /** Like {@link #sendPaced(int, int, int)}, stopping early (at a chunk boundary) once {@code stop} says so. */
    Sent sendPaced(int count, int invalidEvery, int perSecond, java.util.function.BooleanSupplier stop)
            throws InterruptedException {
        int chunk = Math.max(1, perSecond / 10);
        Sent sent = new Sent(0, 0);
        long next = System.nanoTime();
        for (int done = 0; done < count && !stop.getAsBoolean(); done += chunk) {
            sent = sent.plus(send(Math.min(chunk, count - done), invalidEvery));
            next += 100_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        return sent;
    }

    /** Sends one record to a given partition (acknowledged on return). */
    RecordMetadata sendOne(ProducerRecord<byte[], byte[]> record) {
        return await(producer.send(record));
    }

    /**
     * The Kafka timestamp of the n-th record: every partition sees the hours interleaved (records go
     * round-robin over the partitions, so the hour turns once per round), a millisecond apart within an hour.
     */
    Instant timestampOf(long n) {
        long round = n / partitions;
        return firstHour.plus(Duration.ofHours(round % hours)).plusMillis(round / hours);
    }

    byte[] validValue(Instant eventTime) {
        var event = new ClickEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "session-" + random.nextInt(1000), TYPES[random.nextInt(TYPES.length)], eventTime,
                "https://shop.example.com/p/" + random.nextInt(500) + "?Ref=Mail", (long) random.nextInt(500),
                "192.168.1." + random.nextInt(255), null, "Mozilla/5.0 (IT)", random.nextBoolean() ? "mobile" : "desktop");
        return EventJsonWriter.write(event);
    }

    private static void awaitAll(List<Future<RecordMetadata>> acks) {
        for (Future<RecordMetadata> ack : acks) {
            await(ack);
        }
    }

    private static RecordMetadata await(Future<RecordMetadata> ack) {
        try {
            return ack.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
