package io.clickstream.sandbox.hostile;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.common.json.EventJsonWriter;
import io.clickstream.sandbox.consumer.KafkaGroups;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the static-membership hostile tests need on the embedded stack: a topic with its DLQ and bucket, valid
 * events sent round-robin, the group as the broker sees it (members, committed offsets, lag), and the lake
 * verifier.
 */
final class StaticGroupRig implements AutoCloseable {
    /** The line {@code StaticRestartRebalance} logs when it asks for its one rebalance. */
    static final String ENFORCE_LINE = "have no owner in the group (given up by a previous run";

    private static final EventType[] TYPES = EventType.values();

    private final EmbeddedStackExtension stack;
    final Names names;
    final int partitions;
    private final KafkaGroups groups;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Random random = new Random(20261207);
    private long sequence;

    StaticGroupRig(EmbeddedStackExtension stack, String slug, int partitions) {
        this.stack = stack;
        this.names = Names.of(slug);
        this.partitions = partitions;
        stack.kafka().createTopic(names.topic(), partitions);
        stack.kafka().createTopic(names.dlqTopic(), 1);
        stack.s3().createBucket(names.bucket());
        this.groups = new KafkaGroups(stack.kafka().bootstrapServers());
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    /** The consumer environment of a member: static with {@code instanceId}, dynamic with null. */
    Map<String, String> env(String protocol, String instanceId, String sessionTimeout) {
        Map<String, String> env = new HashMap<>(ConsumerEnv.of(stack, names));
        env.put("KAFKA_GROUP_PROTOCOL", protocol);
        env.put("KAFKA_SESSION_TIMEOUT", sessionTimeout);
        if (instanceId != null) {
            env.put("KAFKA_GROUP_INSTANCE_ID", instanceId);
        }
        return env;
    }

    /** {@code count} valid events round-robin over the partitions, every one acknowledged on return. */
    synchronized long send(int count) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            long n = sequence++;
            acks.add(producer.send(new ProducerRecord<>(names.topic(), (int) (n % partitions), now.toEpochMilli(),
                    ("session-" + (n % 97)).getBytes(StandardCharsets.UTF_8), value(now))));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("send failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return count;
    }

    synchronized long sent() {
        return sequence;
    }

    private byte[] value(Instant time) {
        var event = new ClickEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "session-" + random.nextInt(1000), TYPES[random.nextInt(TYPES.length)], time,
                "https://shop.example.com/p/" + random.nextInt(500), (long) random.nextInt(500),
                "192.168.1." + random.nextInt(255), null, "Mozilla/5.0 (hostile)", "desktop");
        return EventJsonWriter.write(event);
    }

    /** Committed offset per partition number of the rig's topic (absent: never committed). */
    Map<Integer, Long> committed() {
        return byPartition(groups.committed(names.group()));
    }

    Map<Integer, Long> endOffsets() {
        return byPartition(groups.endOffsets(names.topic()));
    }

    private Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> result = new TreeMap<>();
        offsets.forEach((tp, offset) -> {
            if (tp.topic().equals(names.topic())) {
                result.put(tp.partition(), offset);
            }
        });
        return result;
    }

    /** Waits for lag 0; returns how long it took. Fails once {@code alive} says false or at the timeout. */
    Duration awaitCommittedToEnd(Duration timeout, BooleanSupplier alive) throws InterruptedException {
        long start = System.nanoTime();
        groups.awaitCommittedToEnd(names.topic(), names.group(), timeout, alive);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    ConsumerGroupDescription describe() {
        return groups.describe(names.group());
    }

    /** Group state and each member's instance id (or client id) and partitions, for messages. */
    String describeShort() {
        return groups.describeShort(names.group());
    }

    /** Partitions the member with this instance id owns, by the broker's view (empty when it is no member). */
    List<Integer> ownedBy(String instanceId) {
        for (MemberDescription m : describe().members()) {
            if (m.groupInstanceId().orElse("").equals(instanceId)) {
                return m.assignment().topicPartitions().stream().map(TopicPartition::partition).sorted().toList();
            }
        }
        return List.of();
    }

    /** Waits until the group is stable with {@code members} members that own every partition between them. */
    void awaitStable(int members, Duration timeout) throws InterruptedException {
        groups.awaitStable(names.group(), members, partitions, timeout);
    }

    /**
     * Waits until {@code consumer} holds {@code count} partitions of the rig's topic by its own log, so that what is
     * sent next arrives after its assignment: records already there when a partition is assigned are a backlog,
     * which the consumer closes and uploads as soon as it has read them (a halt-after-upload hook would fire then).
     */
    void awaitHeld(JarProcess consumer, int count) throws InterruptedException {
        await(() -> consumer.partitionsHeld(names.topic()).size() == count, Duration.ofSeconds(60),
                () -> consumer.log() + " holds " + consumer.partitionsHeld(names.topic()) + ", not " + count
                        + " partitions; the group: " + describeShort() + "\n" + consumer.tail(10));
    }

    VerifierReport verifyLake() {
        try (S3Client s3 = stack.s3().newClient()) {
            return LakeVerifier.verify(new LakeVerifier.Target(stack.kafka().bootstrapServers(), names.topic(),
                    names.dlqTopic(), s3, names.bucket(), names.prefix(), LakeVerifier.HourSource.INGESTED_AT));
        }
    }

    /** How many lines of the process's output contain {@code text}. */
    static long count(JarProcess process, String text) {
        return process.output().lines().filter(l -> l.contains(text)).count();
    }

    /** Lines that look like a stack trace ("\tat ..." or "Exception:"/"Caused by"), for log hygiene checks. */
    static List<String> stackTraceLines(JarProcess process) {
        return process.output().lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")
                || l.matches("^[a-z]+(\\.[a-zA-Z0-9_$]+)+(Exception|Error)(: .*)?$")).toList();
    }

    /** Polls {@code condition} every 100 ms; at the timeout fails with {@code what}, read then (so it shows that moment). */
    static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + ": " + what.get());
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        groups.close();
    }
}
