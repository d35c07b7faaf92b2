package io.clickstream.sandbox.consumer;

import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.FaultHooks;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs the consumer's fat jar as child processes of a test: output to a file under
 * {@code target/it-logs/}, its tail printed when the test fails, and every process killed after the
 * test whatever happened.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ChildProcesses processes = new ChildProcesses();
 * }</pre>
 */
final class ChildProcesses implements AfterEachCallback, TestWatcher {
    static final Path CONSUMER_JAR = Path.of("..", "consumer", "target", "clickstream-consumer.jar");
    private static final Path LOG_DIR = Path.of("target", "it-logs");

    private final List<ConsumerProcess> started = new ArrayList<>();

    /** One consumer JVM. */
    static final class ConsumerProcess {
        private final Process process;
        private final Path log;

        private ConsumerProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** Waits for the exit code; fails if the process is still running after {@code timeout}. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the consumer process did not exit within " + timeout + "; log tail:\n"
                        + tail(40));
            }
            return process.exitValue();
        }

        /** SIGTERM, like {@code docker stop} or Ctrl-C. */
        void terminate() {
            process.destroy();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String output() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }

        /** The last line of the output that matches, if any. */
        Optional<String> lastLine(Predicate<String> matching) {
            List<String> lines = output().lines().filter(matching).toList();
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
        }

        String tail(int lines) {
            List<String> all = output().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }

        Path log() {
            return log;
        }

        private void kill() {
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

    /** Starts {@code java -jar clickstream-consumer.jar} with exactly the consumer variables of {@code env}. */
    ConsumerProcess startConsumer(String name, Map<String, String> env) {
        Path jar = CONSUMER_JAR.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn install -DskipTests first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Modest: the machine has two cores shared with the broker, S3 and the test JVM.
        var builder = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString());
        Map<String, String> childEnv = builder.environment();
        // Whatever the developer's shell exports must not leak into the test's configuration.
        ConsumerConfig.SETTINGS.forEach(s -> childEnv.remove(s.env()));
        childEnv.remove(FaultHooks.ENV);
        childEnv.putAll(env);
        try {
            Files.createDirectories(LOG_DIR);
            Path log = LOG_DIR.resolve(name + "-" + System.currentTimeMillis() + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            var started = new ConsumerProcess(builder.start(), log);
            this.started.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(ConsumerProcess::kill);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (ConsumerProcess p : started) {
            System.err.println("---- tail of " + p.log().toAbsolutePath() + " ----");
            System.err.println(p.tail(60));
        }
    }
}
