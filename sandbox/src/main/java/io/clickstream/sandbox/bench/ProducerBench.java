package io.clickstream.sandbox.bench;

import io.clickstream.producer.ProducerApp;
import io.clickstream.producer.ProducerConfig;
import io.clickstream.sandbox.bench.ProducerBenchResult.Measurement;
import io.clickstream.sandbox.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How fast the producer publishes, next to a bare kafka-clients loop that sends the same records with the
 * same client settings: the ratio is what simulating, shaping and accounting cost on top of Kafka itself.
 *
 * <ul>
 *   <li>A ({@link ProducerAppSide}): {@link ProducerApp} at rate 0 (as fast as it can), {@code events} events to
 *       a fresh topic.
 *   <li>B ({@link PlainClientSide}): the same records, generated beforehand, sent by a plain {@code send()} loop
 *       with the producer's client settings to another fresh topic, then flushed. Event times are the wall
 *       clock's, as in A, so the bytes match A's up to the timestamps; the table shows both byte totals.
 * </ul>
 *
 * Rounds alternate A, B, A, B, so a change in the machine's load hits both sides alike; the first round
 * also warms the JIT up. Each side is timed from its first send to the end of flush and close.
 */
public final class ProducerBench {
    static final int DEFAULT_ROUNDS = 2;
    /** Key, JSON and bookkeeping of one pre-generated record, with room to spare (they average ~450 bytes). */
    private static final long HEAP_PER_RECORD = 600;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private ProducerBench() {
    }

    /**
     * Runs A, B, A, B against {@code bootstrap}, on fresh topics named after {@code topic}, each deleted once its
     * run is measured. Holds B's records in memory: about 600 bytes of heap per event.
     */
    public static ProducerBenchResult run(String bootstrap, String topic, long events, long seed) {
        return run(bootstrap, topic, events, seed, DEFAULT_ROUNDS);
    }

    /** As {@link #run(String, String, long, long)}, with {@code rounds} A/B rounds. */
    public static ProducerBenchResult run(String bootstrap, String topic, long events, long seed, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        if (events < 1 || events > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("events must be between 1 and " + (Integer.MAX_VALUE - 1024) + ": " + events);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (events * HEAP_PER_RECORD > heap * 0.8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%,d events need about %,d MB of heap for B's records, the JVM has %,d MB: pass -Xmx%dm or fewer events",
                    events, events * HEAP_PER_RECORD >> 20, heap >> 20, (events * HEAP_PER_RECORD >> 20) * 3 / 2 + 256));
        }
        long start = System.nanoTime();
        PackedRecords records = PlainClientSide.generate(config(bootstrap, topic, events, seed), events);
        Duration generation = Duration.ofNanos(System.nanoTime() - start);

        var measurements = new ArrayList<Measurement>();
        var topics = new ArrayList<String>();
        try (Admin admin = TopicOffsets.admin(bootstrap)) {
            try {
                for (int round = 1; round <= rounds; round++) {
                    String a = topic + "-a" + round;
                    String b = topic + "-b" + round;
                    ProducerConfig configA = config(bootstrap, a, events, seed);
                    topics.add(a);
                    createTopic(admin, a, configA.partitions());
                    measurements.add(ProducerAppSide.run(configA, round));
                    deleteTopic(admin, a, topics);
                    topics.add(b);
                    createTopic(admin, b, configA.partitions());
                    measurements.add(PlainClientSide.run(config(bootstrap, b, events, seed), records, round));
                    deleteTopic(admin, b, topics);
                }
            } finally {
                if (!topics.isEmpty()) {
                    admin.deleteTopics(topics);
                }
            }
        }
        return new ProducerBenchResult(events, seed, generation, measurements);
    }

    /** {@code [events [seed [rounds]]]}: starts a broker on a free port in a temporary directory, runs, prints the table. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sandbox-logback.xml");
        }
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 2_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ROUNDS;
        ProducerBenchResult result;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            result = run(kafka.bootstrapServers(), "bench", events, seed, rounds);
        }
        result.table().forEach(System.out::println);
    }

    private static ProducerConfig config(String bootstrap, String topic, long events, long seed) {
        return ProducerConfig.from(environment(bootstrap, topic, events, seed), Set.of());
    }

    /**
     * The producer's settings for a run, as environment variables: {@code events} events at rate 0 (as fast as it
     * can) with a fixed seed, every other setting at its default. The producer jar ({@link ChildProducer}) gets
     * exactly these.
     */
    static Map<String, String> environment(String bootstrap, String topic, long events, long seed) {
        return Map.of(
                ProducerConfig.BROKER.env(), bootstrap,
                ProducerConfig.TOPIC.env(), topic,
                ProducerConfig.EVENTS.env(), Long.toString(events),
                ProducerConfig.RATE.env(), "0",
                ProducerConfig.SEED.env(), Long.toString(seed));
    }

    /**
     * Deletes a measured run's topic, and waits for that, before the next run starts: the broker then holds one
     * run's log at a time (about 1 GB for 2,000,000 events) instead of every earlier run's too, however many
     * rounds there are.
     */
    private static void deleteTopic(Admin admin, String topic, List<String> undeleted) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            undeleted.remove(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot delete topic " + topic, e);
        }
    }

    /** Creates the topic and waits until every partition has a leader, so no run pays for the election. */
    static void createTopic(Admin admin, String topic, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (true) {
                try {
                    var description = admin.describeTopics(List.of(topic)).allTopicNames()
                            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                    if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        return;
                    }
                } catch (ExecutionException e) {
                    // right after creation the broker may not know the topic yet: ask again
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("topic " + topic + " has partitions without a leader after " + ADMIN_TIMEOUT);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }
}
