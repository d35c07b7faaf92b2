package io.clickstream.sandbox.testing;

import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.delivery.FaultHooks;
import io.clickstream.producer.ProducerConfig;
import io.clickstream.sandbox.chaos.AssignmentLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs a fat jar of the project (the consumer's or the producer's) as child processes of a test:
 * stdout and stderr to one file under {@code target/it-logs/}, its tail printed when the test fails,
 * and every process killed after the test whatever happened.
 *
 * <pre>{@code
 * @RegisterExtension
 * final JarProcesses processes = JarProcesses.consumer();
 * }</pre>
 */
public final class JarProcesses implements AfterEachCallback, TestWatcher {
    public static final Path CONSUMER_JAR = Path.of("..", "consumer", "target", "clickstream-consumer.jar");
    public static final Path PRODUCER_JAR = Path.of("..", "producer", "target", "clickstream-producer.jar");
    private static final Path LOG_DIR = Path.of("target", "it-logs");

    private final String program;
    private final Path jar;
    private final String maxHeap;
    private final String logPrefix;
    private final List<String> ownVariables;
    private final List<JarProcess> started = new ArrayList<>();

    private JarProcesses(String program, Path jar, String maxHeap, String logPrefix, List<String> ownVariables) {
        this.program = program;
        this.jar = jar;
        this.maxHeap = maxHeap;
        this.logPrefix = logPrefix;
        this.ownVariables = ownVariables;
    }

    /** {@code java -jar clickstream-consumer.jar}, configured by exactly the consumer variables given to {@link #start}. */
    public static JarProcesses consumer() {
        // Modest heap: the machine has two cores shared with the broker, S3 and the test JVM.
        return new JarProcesses("consumer", CONSUMER_JAR, "-Xmx384m", "",
                Stream.concat(ConsumerConfig.SETTINGS.stream().map(s -> s.env()), Stream.of(FaultHooks.ENV)).toList());
    }

    /** {@code java -jar clickstream-producer.jar}, configured by exactly the producer variables given to {@link #start}. */
    public static JarProcesses producer() {
        // Modest heap: two cores, shared with the broker and the test JVM.
        return new JarProcesses("producer", PRODUCER_JAR, "-Xmx256m", "producer-",
                ProducerConfig.SETTINGS.stream().map(s -> s.env()).toList());
    }

    /** One child JVM running {@code program}, its output in {@code log}. */
    public record JarProcess(String program, Process process, Path log) {

        /** Waits for the exit code; fails if the process is still running after {@code timeout}. */
        public int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the " + program + " did not exit within " + timeout + "; output tail:\n"
                        + tail(40));
            }
            return process.exitValue();
        }

        /** SIGTERM, as {@code docker stop}, {@code kill} or Ctrl-C sends it. */
        public void terminate() {
            process.destroy();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** The whole output so far, or a note saying why it cannot be read. */
        public String output() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }

        /** The output's lines so far. */
        public List<String> lines() {
            try {
                return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log, e);
            }
        }

        /**
         * The partitions of {@code topic} this consumer holds by its own log: its {@code SinkLoop} lines, written once
         * its rebalance callback has run (the broker's view of the group can be ahead of that).
         */
        public Set<Integer> partitionsHeld(String topic) {
            Set<Integer> held = new TreeSet<>();
            for (String line : lines()) {
                AssignmentLine.parse(line, topic).ifPresent(change -> change.applyTo(held));
            }
            return held;
        }

        /** The last line of the output that matches, if any. */
        public Optional<String> lastLine(Predicate<String> matching) {
            List<String> lines = output().lines().filter(matching).toList();
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
        }

        public String tail(int lines) {
            List<String> all = output().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }

        /** SIGKILL ({@code kill -9}), and waits for the process to be gone. */
        public void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Starts the jar with exactly the program's variables of {@code env}; the log is named after {@code name}. */
    public JarProcess start(String name, Map<String, String> env) {
        return start(name, env, List.of(maxHeap));
    }

    /**
     * Starts the jar with {@code jvmOptions} (a heap size among them, e.g. {@code -Xmx512m}, and any {@code -D} or
     * {@code -Xlog} option) and exactly the program's variables of {@code env}.
     */
    public JarProcess start(String name, Map<String, String> env, List<String> jvmOptions) {
        Path jar = this.jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn install -DskipTests first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        var builder = new ProcessBuilder(command);
        Map<String, String> childEnv = builder.environment();
        // Whatever the developer's shell exports must not leak into the test's configuration: the apps'
        // settings, Kafka client properties, and the AWS SDK's own variables (profile, role, web identity).
        ownVariables.forEach(childEnv::remove);
        childEnv.keySet().removeIf(variable -> variable.startsWith("KAFKA_CLIENT_") || variable.startsWith("AWS_"));
        // Tests never ask an instance metadata service for credentials or a region (none is reachable here).
        childEnv.put("AWS_EC2_METADATA_DISABLED", "true");
        childEnv.putAll(env);
        try {
            Files.createDirectories(LOG_DIR);
            Path log = LOG_DIR.resolve(logPrefix + name + "-" + System.currentTimeMillis() + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            var process = new JarProcess(program, builder.start(), log);
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(JarProcess::kill);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (JarProcess p : started) {
            System.err.println("---- tail of " + p.log().toAbsolutePath() + " ----");
            System.err.println(p.tail(60));
        }
    }
}
