package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.testing.JarProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sandbox bench --consumer-env BUFFER_MAX_BYTES=... --consumer-jvm -Xmx...} measures a consumer in its own JVM
 * with its own heap. Since HeapFit (b13e765), the bench's raw reader (side A, in the bench's JVM, which never uses the
 * budget) builds a ConsumerConfig from the same settings, and the budget is held against the bench JVM's heap: a
 * 1GB budget for a consumer given -Xmx2g failed the whole bench, after the pre-load, with "BUFFER_MAX_BYTES=1GB: does
 * not fit the JVM's maximum heap of 512 MB". The bench JVM is a process of its own here because its heap is the point.
 */
class BenchConsumerBudgetHostileIT {

    private Process bench;

    @AfterEach
    void stopBench() throws InterruptedException {
        if (bench != null && bench.isAlive()) {
            bench.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBudgetForTheConsumersOwnHeapIsNotHeldAgainstTheBenchJvmsHeap() throws Exception {
        Path logs = Path.of("target", "it-logs").toAbsolutePath();
        Files.createDirectories(logs);
        Path output = logs.resolve("bench-consumer-budget.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.clickstream.sandbox.SandboxMain", "bench", "--events", "20000", "--rounds", "1", "--producer-events", "0",
                "--partitions", "2", "--wait-for-load", "0", "--timeout", "2m", "--exit-when-idle", "2s",
                "--consumer-jar", JarProcesses.CONSUMER_JAR.toAbsolutePath().normalize().toString(),
                "--consumer-env", "BUFFER_MAX_BYTES=1GB", "--consumer-jvm=-Xmx2g"));
        builder.environment().keySet().removeIf(v -> v.startsWith("KAFKA_") || v.startsWith("AWS_")
                || v.equals("BUFFER_MAX_BYTES"));
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        bench = builder.start();

        assertThat(bench.waitFor(4, TimeUnit.MINUTES)).as("the bench ends within 4 minutes").isTrue();
        String out = Files.readString(output);
        assertThat(out).doesNotContain("does not fit the JVM's maximum heap");
        assertThat(bench.exitValue()).as(out.lines().filter(l -> !l.startsWith("\t")).reduce("", (a, b) -> b)).isZero();
    }
}
