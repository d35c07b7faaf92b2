package io.clickstream.sandbox.bench;

import io.clickstream.common.config.Units;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sandbox bench}: the consumer's and the producer's throughput on the embedded stack, with issue 16's targets. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Pre-load a topic on the embedded Kafka, then measure, alternating A/B/A/B: (A) a plain KafkaConsumer "
                + "reading it end to end, (B) the consumer writing it to the embedded S3 until everything is committed; "
                + "then the producer against a plain send loop, and the producer jar in its own JVM (peak RSS, events/s). "
                + "Prints a table with the targets next to the values.",
                "Logs go to stderr; stdout carries the table, or with --json the JSON document."})
public final class BenchCommand implements Callable<Integer> {
    private static final Path DEFAULT_CONSUMER_JAR = Path.of("consumer", "target", "clickstream-consumer.jar");
    private static final Path DEFAULT_PRODUCER_JAR = Path.of("producer", "target", "clickstream-producer.jar");

    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "2000000", description = "Events to pre-load (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of the topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--rounds", defaultValue = "2", description = "A/B rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--seed", defaultValue = "42", description = "Simulation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "Also write the results as JSON: to FILE, or alone to stdout (the table then goes to stderr)")
    String json;

    @Option(names = "--producer-events", description = "Events per run of the producer benchmark; 0 skips it (default: --events)")
    Long producerEvents;

    @Option(names = "--in-process", description = "Run the consumer inside this JVM instead of as java -jar (memory then includes the broker)")
    boolean inProcess;

    @Option(names = "--consumer-jar", description = "The consumer's fat jar (default: consumer/target/clickstream-consumer.jar from the "
            + "current folder or next to this jar's checkout)")
    Path consumerJar;

    @Option(names = "--producer-jar", description = "The producer's fat jar, run once in its own JVM at the JVM's defaults "
            + "(default: producer/target/clickstream-producer.jar, found like the consumer's; missing = that run is skipped)")
    Path producerJar;

    @Option(names = "--consumer-jvm", split = " ", paramLabel = "OPTION",
            description = "JVM options for the consumer process, e.g. --consumer-jvm '-Xmx256m -XX:+UseSerialGC'")
    List<String> consumerJvm = new ArrayList<>();

    @Option(names = "--consumer-java", paramLabel = "JAVA",
            description = "The java executable that starts the consumer (default: this JVM's), e.g. "
                    + "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java to measure the jar on another Java with the same broker")
    Path consumerJava;

    @Option(names = "--consumer-env", paramLabel = "KEY=VALUE",
            description = "Consumer setting on top of the benchmark's, e.g. --consumer-env PARQUET_COMPRESSION=snappy (repeatable)")
    Map<String, String> consumerEnv = new LinkedHashMap<>();

    @Option(names = "--exit-when-idle", defaultValue = "5s", description = "The consumer's EXIT_WHEN_IDLE; its wait is not counted in the rate (default: ${DEFAULT-VALUE})")
    String idle;

    @Option(names = "--jfr", paramLabel = "DIR",
            description = "Record each consumer round with JFR (settings=profile) into DIR and print the hottest frames of the last")
    Path jfrDir;

    @Option(names = "--wait-for-load", defaultValue = "0", paramLabel = "LOAD",
            description = "Before starting, wait (up to 30 min) until the 1-minute load average is below LOAD; 0 = do not wait")
    double waitForLoad;

    @Option(names = "--timeout", defaultValue = "15m", description = "Give up on a consumer round after this long (default: ${DEFAULT-VALUE})")
    String timeout;

    @Override
    public Integer call() throws Exception {
        // Our output owns stdout; everything else (Logback's console appender, the producer) goes to stderr.
        PrintStream out = System.out;
        System.setOut(System.err);
        PrintStream progress = System.err;
        PrintStream tableOut = "-".equals(json) ? System.err : out;

        Duration idleWait = Units.parseDuration(idle).orElse(null);
        Duration limit = Units.parseDuration(timeout).orElse(null);
        if (idleWait == null || limit == null || idleWait.toMillis() < 100) {
            progress.println("sandbox bench: --exit-when-idle and --timeout must be durations like 2s or 15m (at least 100ms)");
            return 2;
        }
        PipelineBench.Options options;
        try {
            PipelineBench.Mode mode = inProcess ? PipelineBench.Mode.IN_PROCESS : PipelineBench.Mode.PROCESS;
            Path jar = consumerJar != null ? consumerJar : findJar(DEFAULT_CONSUMER_JAR);
            Path producer = producerJar != null ? producerJar : findJar(DEFAULT_PRODUCER_JAR);
            if (mode == PipelineBench.Mode.PROCESS && jar == null) {
                progress.println("sandbox bench: " + DEFAULT_CONSUMER_JAR + " not found (build it with mvn -pl consumer -am package, "
                        + "or pass --consumer-jar); running the consumer in process instead");
                mode = PipelineBench.Mode.IN_PROCESS;
            }
            if (jfrDir != null) {
                if (mode != PipelineBench.Mode.PROCESS) {
                    progress.println("sandbox bench: --jfr needs the consumer in its own process");
                    return 2;
                }
                Files.createDirectories(jfrDir);
            }
            options = new PipelineBench.Options(events, partitions, rounds, seed, mode, jar == null ? null : jar.toAbsolutePath(),
                    consumerJvm, consumerEnv, idleWait, producerEvents == null ? events : producerEvents, jfrDir, limit,
                    (producer == null ? DEFAULT_PRODUCER_JAR : producer).toAbsolutePath(),
                    consumerJava == null ? null : consumerJava.toAbsolutePath());
        } catch (IllegalArgumentException | IOException e) {
            progress.println("sandbox bench: " + e.getMessage());
            return 2;
        }
        if (waitForLoad > 0) {
            MachineLoad load = MachineLoad.awaitBelow(waitForLoad, Duration.ofMinutes(30), progress);
            progress.println("load " + load + (load.one() < waitForLoad ? ", starting" : ", still high after 30 min: starting anyway"));
        }
        MachineLoad load = MachineLoad.now();
        if (load.one() >= 2.5) {
            progress.printf(Locale.ROOT, "note: load average %s on %d cores: the numbers will measure the neighbours too%n", load,
                    Runtime.getRuntime().availableProcessors());
        }

        PipelineBench.Result result;
        try {
            result = PipelineBench.run(options, progress);
        } catch (RuntimeException e) {
            progress.println("sandbox bench failed: " + e.getMessage());
            return 1;
        }
        var report = new BenchReport(result, commandLine());
        report.table().forEach(tableOut::println);
        if (jfrDir != null && !result.consumerRounds().isEmpty()) {
            Path last = Path.of(result.consumerRounds().get(result.consumerRounds().size() - 1).jfrFile());
            if (Files.exists(last)) {
                tableOut.println();
                tableOut.println("JFR " + last + ":");
                JfrSummary.of(last).table(20).forEach(l -> tableOut.println("  " + l));
            }
        }
        if ("-".equals(json)) {
            out.println(report.json());
        } else if (json != null) {
            Files.writeString(Path.of(json), report.json() + "\n");
            tableOut.println("JSON written to " + json);
        }
        tableOut.flush();
        return 0;
    }

    private String commandLine() {
        // The root command's original arguments: "bench" and its options, as typed.
        var root = spec.root().commandLine().getParseResult();
        return "sandbox " + String.join(" ", root == null ? spec.commandLine().getParseResult().originalArgs() : root.originalArgs());
    }

    /** A jar given relative to the repository root: in the current folder, or in the checkout this sandbox jar was built in. */
    private static Path findJar(Path relative) {
        if (Files.isRegularFile(relative)) {
            return relative;
        }
        try {
            Path self = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // .../sandbox/target/clickstream-sandbox.jar -> .../consumer/target/clickstream-consumer.jar
            Path root = self.getParent() == null ? null : self.getParent().getParent();
            Path candidate = root == null || root.getParent() == null ? null : root.getParent().resolve(relative);
            return candidate != null && Files.isRegularFile(candidate) ? candidate : null;
        } catch (Exception e) {
            return null;
        }
    }
}
