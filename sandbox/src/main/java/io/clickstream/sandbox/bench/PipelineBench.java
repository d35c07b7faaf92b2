package io.clickstream.sandbox.bench;

import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.sandbox.embedded.EmbeddedStack;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The consumer's throughput next to the broker's raw read rate, on the embedded stack, in one run.
 *
 * <ol>
 *   <li>Start Kafka and S3 (filesystem store in a temporary folder), create the topic and bucket, and
 *       pre-load the topic once ({@link TopicLoader}): N simulated events, fixed seed.
 *   <li>Rounds alternate A, B, A, B, so a change in the machine's load hits both sides alike:
 *       A = {@link RawReader}, a bare client reading the topic end to end; B = the consumer reading the
 *       same records into the lake, under a fresh group id and a fresh S3 prefix each round, timed from
 *       its start until the group has committed the end offsets ({@link ChildConsumer}, a separate JVM
 *       as users run it, or {@link InProcessRound}).
 *   <li>Then the producer against a plain send loop ({@link ProducerBench}), on its own fresh topics.
 *   <li>Last, the producer jar in its own JVM at the JVM's defaults ({@link ChildProducer}), on a fresh topic: its
 *       peak RSS, events per second and heap allocated per event.
 * </ol>
 */
public final class PipelineBench {
    static final String TOPIC = "bench-clickstream";
    static final String DLQ_TOPIC = "bench-clickstream-dlq";
    static final String BUCKET = "bench-lake";

    private PipelineBench() {
    }

    /** How the consumer side runs. */
    public enum Mode { PROCESS, IN_PROCESS }

    /**
     * @param consumerJar the consumer's fat jar, for {@link Mode#PROCESS}
     * @param consumerJvmOptions extra options for the consumer's JVM ({@link Mode#PROCESS})
     * @param consumerEnv settings on top of the benchmark's, e.g. {@code PARQUET_COMPRESSION=snappy}
     * @param idle the consumer's {@code EXIT_WHEN_IDLE}
     * @param producerEvents events per run of the producer benchmark; 0 skips it
     * @param jfrDir where to write a JFR recording of each consumer round ({@link Mode#PROCESS}), or {@code null}
     * @param producerJar the producer's fat jar, run once with {@code producerEvents}; {@code null} or a missing file
     *     skips that run with a note
     * @param consumerJava the {@code java} that starts the consumer ({@link Mode#PROCESS}), or {@code null} for this
     *     JVM's: another Java release can be measured against the same broker, which stays on the bench's JVM
     */
    public record Options(long events, int partitions, int rounds, long seed, Mode mode, Path consumerJar,
            List<String> consumerJvmOptions, Map<String, String> consumerEnv, Duration idle, long producerEvents,
            Path jfrDir, Duration timeout, Path producerJar, Path consumerJava) {
        /** The consumer started by this JVM's {@code java}. */
        public Options(long events, int partitions, int rounds, long seed, Mode mode, Path consumerJar,
                List<String> consumerJvmOptions, Map<String, String> consumerEnv, Duration idle, long producerEvents,
                Path jfrDir, Duration timeout, Path producerJar) {
            this(events, partitions, rounds, seed, mode, consumerJar, consumerJvmOptions, consumerEnv, idle,
                    producerEvents, jfrDir, timeout, producerJar, null);
        }

        public Options {
            consumerJvmOptions = List.copyOf(consumerJvmOptions);
            consumerEnv = Map.copyOf(consumerEnv);
            if (events < 1 || partitions < 1 || rounds < 1 || producerEvents < 0) {
                throw new IllegalArgumentException("events, partitions and rounds must be >= 1, producer events >= 0");
            }
            if (mode == Mode.PROCESS && (consumerJar == null || !Files.isRegularFile(consumerJar))) {
                throw new IllegalArgumentException("consumer jar not found: " + consumerJar);
            }
            if (consumerJava != null && !(Files.isRegularFile(consumerJava) && Files.isExecutable(consumerJava))) {
                throw new IllegalArgumentException("--consumer-java: " + consumerJava + " is not an executable file "
                        + "(give the java of another JDK, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)");
            }
            if (consumerJava != null && mode != Mode.PROCESS) {
                throw new IllegalArgumentException("--consumer-java needs the consumer in its own process (not --in-process)");
            }
        }
    }

    /**
     * Everything one run measured; {@link BenchReport} turns it into a table and JSON.
     *
     * @param producerChild the producer jar's run, {@code null} if it did not run; then {@code producerChildNote} says why
     */
    public record Result(Options options, MachineLoad loadAtStart, MachineLoad loadAtEnd, TopicLoader.Loaded loaded,
            List<RawReader.Read> reads, List<ConsumerRound> consumerRounds, ProducerBenchResult producer,
            String producerNote, long benchJvmPeakRssBytes, Path logDir, ProducerChildRun producerChild,
            String producerChildNote) {
        public Result {
            reads = List.copyOf(reads);
            consumerRounds = List.copyOf(consumerRounds);
        }
    }

    public static Result run(Options options, PrintStream progress) throws InterruptedException {
        MachineLoad loadAtStart = MachineLoad.now();
        Path work = createDir("clickstream-bench-");
        String producerChildNote = producerJarSkipReason(options);
        Path logs = options.mode() == Mode.PROCESS || producerChildNote == null ? createDir("clickstream-bench-logs-") : null;
        boolean keepWork = false;
        try (EmbeddedStack stack = EmbeddedStack.start(0, 0, work.resolve("s3"))) {
            String bootstrap = stack.kafka().bootstrapServers();
            try (var admin = TopicOffsets.admin(bootstrap)) {
                TopicLoader.createTopic(admin, TOPIC, options.partitions());
                TopicLoader.createTopic(admin, DLQ_TOPIC, 1);
            }
            stack.s3().createBucket(BUCKET);

            progress.printf(Locale.ROOT, "pre-loading %,d events into %s (%d partitions, seed %d)...%n", options.events(),
                    TOPIC, options.partitions(), options.seed());
            TopicLoader.Loaded loaded = TopicLoader.load(bootstrap, TOPIC, options.events(), options.seed());
            progress.printf(Locale.ROOT, "pre-loaded %,d events, %.1f MB of JSON, in %.1f s (%,.0f events/s)%n",
                    loaded.events(), loaded.valueBytes() / 1e6, loaded.elapsed().toMillis() / 1000.0, loaded.eventsPerSecond());

            var reads = new ArrayList<RawReader.Read>();
            var rounds = new ArrayList<ConsumerRound>();
            try (TopicOffsets offsets = TopicOffsets.of(bootstrap, TOPIC, options.partitions())) {
                if (offsets.total() != loaded.events()) {
                    throw new IllegalStateException("the topic holds " + offsets.total() + " records, " + loaded.events() + " were sent");
                }
                for (int round = 1; round <= options.rounds(); round++) {
                    System.gc();
                    Map<String, String> readerEnv = consumerEnv(stack, options, "bench-raw", "unused", work.resolve("spool-raw"));
                    // The raw reader never uses the budget, and the consumer's (its own JVM's, with --consumer-jvm)
                    // must not be held against this JVM's heap.
                    readerEnv.remove(ConsumerConfig.BUFFER_MAX_BYTES.env());
                    RawReader.Read read = RawReader.run(ConsumerConfig.fromEnvironment(readerEnv), offsets, round);
                    check(read.records() == loaded.events(), "the raw read saw " + read.records() + " records, not " + loaded.events());
                    reads.add(read);
                    progress.printf(Locale.ROOT, "round %d A raw read:   %,10.0f events/s %7.1f MB/s  (load %s)%n", round,
                            read.eventsPerSecond(), read.megabytesPerSecond(), read.loadBefore());

                    System.gc();
                    String group = "bench-round" + round + "-" + UUID.randomUUID();
                    String prefix = "bench/round" + round;
                    Map<String, String> env = consumerEnv(stack, options, group, prefix, work.resolve("spool-" + round));
                    Path lakeFolder = work.resolve("s3").resolve(BUCKET).resolve(prefix);
                    ConsumerRound consumed;
                    if (options.mode() == Mode.PROCESS) {
                        Path jfr = options.jfrDir() == null ? null
                                : options.jfrDir().toAbsolutePath().resolve("consumer-round" + round + ".jfr");
                        var launch = new ChildConsumer.Launch(options.consumerJava(), options.consumerJar(), options.consumerJvmOptions(), logs,
                                options.timeout());
                        consumed = ChildConsumer.run(launch, env, offsets, group, round, options.idle(), lakeFolder,
                                loaded.valueBytes(), jfr);
                    } else {
                        consumed = InProcessRound.run(env, offsets, group, round, lakeFolder,
                                loaded.valueBytes(), options.timeout());
                    }
                    if (consumed.rows() != loaded.events()) {
                        keepWork = true;
                        throw new IllegalStateException("round " + round + ": the consumer uploaded " + consumed.rows()
                                + " rows for " + loaded.events() + " events; its files are kept in " + work);
                    }
                    rounds.add(consumed);
                    progress.printf(Locale.ROOT, "round %d B consumer:   %,10.0f events/s %7.1f MB/s  (load %s)%n", round,
                            consumed.eventsPerSecond(), consumed.megabytesPerSecond(), consumed.loadBefore());
                    deleteTree(lakeFolder);
                }
            }

            ProducerBenchResult producer = null;
            String producerNote = null;
            if (options.producerEvents() == 0) {
                producerNote = "skipped (--producer-events 0)";
            } else {
                progress.printf(Locale.ROOT, "producer bench: %,d events per run...%n", options.producerEvents());
                try {
                    producer = ProducerBench.run(bootstrap, "bench-producer", options.producerEvents(), options.seed(),
                            options.rounds());
                } catch (IllegalArgumentException e) {
                    producerNote = "skipped: " + e.getMessage();
                } catch (RuntimeException e) {
                    // Its own failure must not cost the consumer's numbers measured above.
                    producerNote = "failed: " + e.getMessage();
                    progress.println("producer bench " + producerNote);
                }
            }

            ProducerChildRun producerChild = null;
            if (producerChildNote == null) {
                progress.printf(Locale.ROOT, "producer jar: java -jar %s, %,d events...%n", options.producerJar(),
                        options.producerEvents());
                try {
                    var launch = new ChildProducer.Launch(options.producerJar(), logs, options.timeout());
                    producerChild = ChildProducer.run(launch, bootstrap, "bench-producer-jar", options.producerEvents(),
                            options.seed());
                } catch (RuntimeException e) {
                    producerChildNote = "failed: " + e.getMessage();
                    progress.println("producer jar " + producerChildNote);
                }
            }
            return new Result(options, loadAtStart, MachineLoad.now(), loaded, reads, rounds, producer, producerNote,
                    ProcStatus.self().peakRssBytes(), logs, producerChild, producerChildNote);
        } finally {
            if (keepWork) {
                progress.println("kept " + work + " for inspection");
            } else {
                deleteTree(work);
            }
        }
    }

    /** Why the producer jar will not run, or {@code null} if it will. */
    static String producerJarSkipReason(Options options) {
        if (options.producerEvents() == 0) {
            return "skipped (--producer-events 0)";
        }
        if (options.producerJar() == null || !Files.isRegularFile(options.producerJar())) {
            return "skipped: " + (options.producerJar() == null ? "no producer jar" : options.producerJar() + " not found")
                    + " (build it with mvn -B -pl producer -am package -DskipTests, or pass --producer-jar)";
        }
        return null;
    }

    /** The consumer's settings for one round: the embedded endpoints, a group, a prefix, then the user's overrides. */
    private static Map<String, String> consumerEnv(EmbeddedStack stack, Options options, String group, String prefix, Path spool) {
        Map<String, String> env = new HashMap<>();
        env.put(ConsumerConfig.KAFKA_BROKER.env(), stack.kafka().bootstrapServers());
        env.put(ConsumerConfig.KAFKA_TOPIC.env(), TOPIC);
        env.put(ConsumerConfig.KAFKA_GROUP_ID.env(), group);
        env.put(ConsumerConfig.DLQ_TOPIC.env(), DLQ_TOPIC);
        env.put(ConsumerConfig.S3_BUCKET.env(), BUCKET);
        env.put(ConsumerConfig.S3_PREFIX.env(), prefix);
        env.put(ConsumerConfig.AWS_ENDPOINT_URL.env(), stack.s3().endpoint().toString());
        env.put(ConsumerConfig.AWS_DEFAULT_REGION.env(), stack.s3().region());
        env.put(ConsumerConfig.AWS_ACCESS_KEY_ID.env(), stack.s3().accessKey());
        env.put(ConsumerConfig.AWS_SECRET_ACCESS_KEY.env(), stack.s3().secretKey());
        env.put(ConsumerConfig.METRICS_PORT.env(), "0");
        env.put(ConsumerConfig.EXIT_WHEN_IDLE.env(), options.idle().toMillis() + "ms");
        env.put(ConsumerConfig.SPOOL_DIR.env(), spool.toString());
        // A line a second: the warmed-up window (WarmWindow) is read from them.
        env.put(ConsumerConfig.PROGRESS_INTERVAL.env(), "1s");
        env.putAll(options.consumerEnv());
        return env;
    }

    private static Path createDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the benchmark", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
