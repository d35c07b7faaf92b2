package io.clickstream.sandbox.bench;

import io.clickstream.producer.ProducerApp;
import io.clickstream.producer.ProducerConfig;
import io.clickstream.producer.ProducerSummary;
import io.clickstream.producer.SimulationPlan;
import io.clickstream.producer.publish.ClusterAccess;
import io.clickstream.producer.publish.KafkaClients;
import io.clickstream.producer.publish.KafkaProperties;
import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.sandbox.embedded.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * How fast the producer publishes, next to a bare kafka-clients loop that sends the same records with the
 * same client settings: the ratio is what simulating, shaping and accounting cost on top of Kafka itself.
 *
 * <ul>
 *   <li>A: {@link ProducerApp} at rate 0 (as fast as it can), {@code events} events to a fresh topic.
 *   <li>B: the records the producer's own generator and {@link TrafficShaper} make for the same seed and
 *       settings, generated beforehand, sent by a plain {@code send()} loop with the producer's
 *       {@link KafkaProperties} (acks=all, idempotence, zstd, the same linger and batch size) to another
 *       fresh topic, then flushed. Event times are the wall clock's, as in A, so the bytes match A's up to
 *       the timestamps; the table shows both byte totals.
 * </ul>
 *
 * Rounds alternate A, B, A, B, so a change in the machine's load hits both sides alike; the first round
 * also warms the JIT up. Each side is timed from its first send to the end of flush and close; B first
 * sends one untimed, acknowledged record to each partition (see {@link #warmUp}); A's client fetches
 * the topic's metadata within its own time, as the CLI does.
 */
public final class ProducerBench {
    static final int ROUNDS = 2;
    /** Key, JSON and bookkeeping of one pre-generated record, with room to spare (they average ~450 bytes). */
    private static final long HEAP_PER_RECORD = 600;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private ProducerBench() {
    }

    public enum Side {
        PRODUCER("A producer (ProducerApp, rate 0)"),
        PLAIN_CLIENT("B plain KafkaProducer loop");

        private final String label;

        Side(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One timed run.
     *
     * @param bytes uncompressed keys and values handed to {@code send()}
     */
    public record Measurement(Side side, int round, long records, long bytes, Duration elapsed) {
        public double eventsPerSecond() {
            return records / seconds();
        }

        /** Megabytes (10^6 bytes) of keys and values per second, before compression. */
        public double megabytesPerSecond() {
            return bytes / 1e6 / seconds();
        }

        private double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * @param generation how long pre-generating B's records took (the generator and shaper alone)
     * @param measurements in the order they ran: A, B, A, B
     */
    public record Result(long events, long seed, Duration generation, List<Measurement> measurements) {
        public Result {
            measurements = List.copyOf(measurements);
        }

        /** The fastest run of a side: on a shared machine the slower ones measure the neighbours too. */
        public Measurement best(Side side) {
            return measurements.stream().filter(m -> m.side() == side)
                    .max(Comparator.comparingDouble(Measurement::eventsPerSecond))
                    .orElseThrow();
        }

        /** A's events per second over B's, best against best. */
        public double ratio() {
            return best(Side.PRODUCER).eventsPerSecond() / best(Side.PLAIN_CLIENT).eventsPerSecond();
        }

        public List<String> table() {
            var lines = new ArrayList<String>();
            lines.add(String.format(Locale.ROOT, "producer bench: %,d events per run, seed %d; pre-generating B's records took %.1fs (%,.0f events/s)",
                    events, seed, generation.toMillis() / 1000.0, events / Math.max(1e-9, generation.toNanos() / 1e9)));
            lines.add(String.format(Locale.ROOT, "%-36s %5s %12s %8s %9s %9s", "side", "round", "events/s", "MB/s", "MB", "elapsed"));
            for (Measurement m : measurements) {
                lines.add(String.format(Locale.ROOT, "%-36s %5d %,12.0f %8.1f %9.1f %8.1fs", m.side().label(), m.round(),
                        m.eventsPerSecond(), m.megabytesPerSecond(), m.bytes() / 1e6, m.elapsed().toMillis() / 1000.0));
            }
            Measurement a = best(Side.PRODUCER);
            Measurement b = best(Side.PLAIN_CLIENT);
            lines.add(String.format(Locale.ROOT, "best: A %,.0f events/s (%.1f MB/s), B %,.0f events/s (%.1f MB/s), A/B = %.2f",
                    a.eventsPerSecond(), a.megabytesPerSecond(), b.eventsPerSecond(), b.megabytesPerSecond(), ratio()));
            return lines;
        }
    }

    /**
     * Runs A, B, A, B against {@code bootstrap}, on fresh topics named after {@code topic} that are deleted
     * afterwards. Holds B's records in memory: about 600 bytes of heap per event.
     */
    public static Result run(String bootstrap, String topic, long events, long seed) {
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
        PackedRecords records = generate(config(bootstrap, topic, events, seed), events);
        Duration generation = Duration.ofNanos(System.nanoTime() - start);

        var measurements = new ArrayList<Measurement>();
        var topics = new ArrayList<String>();
        try (Admin admin = admin(bootstrap)) {
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    String a = topic + "-a" + round;
                    String b = topic + "-b" + round;
                    ProducerConfig configA = config(bootstrap, a, events, seed);
                    topics.add(a);
                    createTopic(admin, a, configA.partitions());
                    measurements.add(runProducer(configA, round));
                    topics.add(b);
                    createTopic(admin, b, configA.partitions());
                    measurements.add(runPlainClient(config(bootstrap, b, events, seed), records, round));
                }
            } finally {
                admin.deleteTopics(topics);
            }
        }
        return new Result(events, seed, generation, measurements);
    }

    /** {@code [events [seed]]}: starts a broker on a free port in a temporary directory, runs, prints the table. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sandbox-logback.xml");
        }
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 2_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        Result result;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            result = run(kafka.bootstrapServers(), "bench", events, seed);
        }
        result.table().forEach(System.out::println);
    }

    private static ProducerConfig config(String bootstrap, String topic, long events, long seed) {
        return ProducerConfig.from(Map.of(
                ProducerConfig.BROKER.env(), bootstrap,
                ProducerConfig.TOPIC.env(), topic,
                ProducerConfig.EVENTS.env(), Long.toString(events),
                ProducerConfig.RATE.env(), "0",
                ProducerConfig.SEED.env(), Long.toString(seed)), Set.of());
    }

    /** What {@code ProducerApp} sends for this configuration, made the same way, but not sent. */
    private static PackedRecords generate(ProducerConfig config, long events) {
        var traffic = new TrafficShaper(SimulationPlan.of(config, Instant.now()).generator(config.seed()),
                config.imperfections(), config.seed());
        var records = new PackedRecords((int) events);
        for (long i = 0; i < events; i++) {
            OutgoingRecord record = traffic.next(events - i);
            records.add(record.key(), record.value());
        }
        traffic.drain().forEach(record -> records.add(record.key(), record.value()));
        return records;
    }

    private static Measurement runProducer(ProducerConfig config, int round) {
        System.gc(); // start each run from a collected heap, not with the previous run's garbage
        var bytes = new AtomicLong();
        var clients = new KafkaClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
                return new ByteCountingProducer(properties, bytes);
            }

            @Override
            public ClusterAccess cluster(Map<String, Object> adminProperties) {
                return KafkaClients.real().cluster(adminProperties);
            }
        };
        ProducerSummary summary = new ProducerApp(clients).run(config, new AtomicBoolean());
        if (!summary.succeeded() || summary.sent() != config.events()) {
            throw new IllegalStateException("the producer's run failed: " + String.join(" / ", summary.describe()));
        }
        return new Measurement(Side.PRODUCER, round, summary.sent(), bytes.get(), summary.elapsed());
    }

    private static Measurement runPlainClient(ProducerConfig config, PackedRecords records, int round) {
        System.gc();
        var bytes = new AtomicLong();
        var acked = new AtomicLong();
        var failed = new AtomicLong();
        var firstError = new AtomicReference<Exception>();
        Callback callback = (metadata, error) -> {
            if (error == null) {
                acked.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstError.compareAndSet(null, error);
            }
        };
        Map<String, Object> properties = KafkaProperties.producer(config.brokers(), config.compression().kafkaName(),
                config.lingerMs(), config.batchSize(), config.deliveryTimeout());
        var producer = new ByteCountingProducer(properties, bytes);
        long start;
        try (producer) {
            warmUp(producer, config.topic(), records);
            bytes.set(0);
            start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                producer.send(records.record(config.topic(), i), callback);
            }
            producer.flush();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (failed.get() > 0 || acked.get() != records.size()) {
            throw new IllegalStateException("the plain client's run failed: " + acked.get() + " of " + records.size()
                    + " acknowledged, " + failed.get() + " failed, first error: " + firstError.get());
        }
        return new Measurement(Side.PLAIN_CLIENT, round, records.size(), bytes.get(), elapsed);
    }

    /**
     * Before timing: the topic's metadata, then one acknowledged record per partition, retried while a new
     * topic settles. A brand-new topic's first sends can fail under load before every partition's leader is
     * known to the client (as in KAFKA-15591); the timed loop should measure sending, not that.
     */
    private static void warmUp(Producer<byte[], byte[]> producer, String topic, PackedRecords records) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        ProducerRecord<byte[], byte[]> sample = records.record(topic, 0);
        int partitions = producer.partitionsFor(topic).size();
        for (int partition = 0; partition < partitions; partition++) {
            var record = new ProducerRecord<>(topic, partition, sample.key(), sample.value());
            while (true) {
                try {
                    producer.send(record).get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (ExecutionException e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("warm-up send to " + topic + "-" + partition + " keeps failing", e.getCause());
                    }
                    sleep(Duration.ofMillis(50));
                } catch (TimeoutException e) {
                    throw new IllegalStateException("warm-up send to " + topic + "-" + partition + " not acknowledged in " + ADMIN_TIMEOUT, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while warming up " + topic, e);
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "producer-bench",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
    }

    /** Creates the topic and waits until every partition has a leader, so no run pays for the election. */
    private static void createTopic(Admin admin, String topic, int partitions) {
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

    /** The real client, counting the key and value bytes it is handed: the same extra work on both sides. */
    private static final class ByteCountingProducer extends KafkaProducer<byte[], byte[]> {
        private final AtomicLong bytes;

        ByteCountingProducer(Map<String, Object> properties, AtomicLong bytes) {
            super(properties);
            this.bytes = bytes;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            bytes.addAndGet((record.key() == null ? 0 : record.key().length) + record.value().length);
            return super.send(record, callback);
        }
    }

    /**
     * Pre-generated records packed into 64 MB arrays: millions of records as a few dozen objects, so holding
     * them costs the garbage collector nothing during the timed runs.
     */
    static final class PackedRecords {
        private static final int CHUNK_BYTES = 64 << 20;

        private final List<byte[]> chunks = new ArrayList<>();
        private long[] positions; // chunk << 32 | offset
        private int[] keyLengths; // -1 for a null key
        private int[] valueLengths;
        private int size;
        private int used = CHUNK_BYTES;

        PackedRecords(int expected) {
            positions = new long[expected];
            keyLengths = new int[expected];
            valueLengths = new int[expected];
        }

        void add(byte[] key, byte[] value) {
            int keyLength = key == null ? 0 : key.length;
            int length = keyLength + value.length;
            if (length > CHUNK_BYTES) {
                throw new IllegalArgumentException("a record of " + length + " bytes does not fit in a chunk");
            }
            if (used + length > CHUNK_BYTES) {
                chunks.add(new byte[CHUNK_BYTES]);
                used = 0;
            }
            if (size == positions.length) {
                int grown = Math.max(16, size + (size >> 1));
                positions = Arrays.copyOf(positions, grown);
                keyLengths = Arrays.copyOf(keyLengths, grown);
                valueLengths = Arrays.copyOf(valueLengths, grown);
            }
            byte[] chunk = chunks.get(chunks.size() - 1);
            if (key != null) {
                System.arraycopy(key, 0, chunk, used, keyLength);
            }
            System.arraycopy(value, 0, chunk, used + keyLength, value.length);
            positions[size] = (long) (chunks.size() - 1) << 32 | used;
            keyLengths[size] = key == null ? -1 : keyLength;
            valueLengths[size] = value.length;
            size++;
            used += length;
        }

        int size() {
            return size;
        }

        ProducerRecord<byte[], byte[]> record(String topic, int index) {
            byte[] chunk = chunks.get((int) (positions[index] >>> 32));
            int offset = (int) positions[index];
            int keyLength = keyLengths[index];
            byte[] key = keyLength < 0 ? null : Arrays.copyOfRange(chunk, offset, offset + keyLength);
            int valueStart = offset + Math.max(0, keyLength);
            byte[] value = Arrays.copyOfRange(chunk, valueStart, valueStart + valueLengths[index]);
            return new ProducerRecord<>(topic, key, value);
        }
    }
}
