package io.clickstream.sandbox.producer;

import io.clickstream.producer.ProducerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs the producer's JAR as child processes of a test: stdout and stderr to one file under
 * {@code target/it-logs/}, its tail printed when the test fails, and every process killed after the
 * test whatever happened.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ProducerProcesses processes = new ProducerProcesses();
 * }</pre>
 */
final class ProducerProcesses implements AfterEachCallback, TestWatcher {
    static final Path PRODUCER_JAR = Path.of("..", "producer", "target", "clickstream-producer.jar");
    private static final Path LOG_DIR = Path.of("target", "it-logs");

    private final List<ProducerProcess> started = new ArrayList<>();

    /** One producer JVM. */
    static final class ProducerProcess {
        private final Process process;
        private final Path log;

        private ProducerProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** Waits for the exit code; fails if the process still runs after {@code timeout}. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the producer did not exit within " + timeout + "; output tail:\n" + tail(40));
            }
            return process.exitValue();
        }

        /** SIGTERM, as {@code docker stop} or {@code kill} sends it. */
        void terminate() {
            process.destroy();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        List<String> lines() {
            try {
                return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log, e);
            }
        }

        String tail(int count) {
            List<String> all = lines();
            return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
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

    /** Starts {@code java -jar clickstream-producer.jar} configured by exactly the producer variables of {@code env}. */
    ProducerProcess start(String name, Map<String, String> env) {
        Path jar = PRODUCER_JAR.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn install -DskipTests first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Modest: two cores, shared with the broker and the test JVM.
        var builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString());
        Map<String, String> childEnv = builder.environment();
        // Whatever the developer's shell exports must not leak into the test's configuration.
        ProducerConfig.SETTINGS.forEach(setting -> childEnv.remove(setting.env()));
        childEnv.putAll(env);
        try {
            Files.createDirectories(LOG_DIR);
            Path log = LOG_DIR.resolve("producer-" + name + "-" + System.currentTimeMillis() + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            var process = new ProducerProcess(builder.start(), log);
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(ProducerProcess::kill);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (ProducerProcess p : started) {
            System.err.println("---- tail of " + p.log().toAbsolutePath() + " ----");
            System.err.println(p.tail(60));
        }
    }
}
