package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox bench --consumer-java}: the consumer started by another JDK's java, the broker left on the bench's. */
class ConsumerJavaOptionTest {
    @TempDir
    Path dir;

    private PipelineBench.Options options(PipelineBench.Mode mode, Path java) throws IOException {
        Path jar = Files.writeString(dir.resolve("consumer.jar"), "not really a jar");
        return new PipelineBench.Options(1_000, 2, 1, 42, mode, jar, List.of(), Map.of(), Duration.ofSeconds(5), 0, null,
                Duration.ofMinutes(1), null, java);
    }

    private Path executable(String name) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void theConsumerIsStartedByTheJavaGiven() throws IOException {
        Path java = executable("java");

        var launch = new ChildConsumer.Launch(options(PipelineBench.Mode.PROCESS, java).consumerJava(), dir.resolve("c.jar"),
                List.of("-XX:AOTCache=c.aot"), dir, Duration.ofMinutes(1));

        assertThat(launch.javaCommand()).isEqualTo(java.toString());
    }

    @Test
    void withoutItTheConsumerIsStartedByTheBenchsOwnJava() {
        var launch = new ChildConsumer.Launch(null, dir.resolve("c.jar"), List.of(), dir, Duration.ofMinutes(1));

        assertThat(launch.javaCommand()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Test
    void aMissingJavaIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> options(PipelineBench.Mode.PROCESS, dir.resolve("no-such-java")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--consumer-java")
                .hasMessageContaining("not an executable file");
    }

    @Test
    void aFileThatCannotBeRunIsRefused() throws IOException {
        Path notExecutable = Files.writeString(dir.resolve("java.txt"), "text");

        assertThatThrownBy(() -> options(PipelineBench.Mode.PROCESS, notExecutable))
                .hasMessageContaining("--consumer-java");
    }

    @Test
    void aFolderIsRefused() {
        assertThatThrownBy(() -> options(PipelineBench.Mode.PROCESS, dir)).hasMessageContaining("--consumer-java");
    }

    @Test
    void itNeedsTheConsumerInItsOwnProcess() throws IOException {
        Path java = executable("java");

        assertThatThrownBy(() -> options(PipelineBench.Mode.IN_PROCESS, java))
                .hasMessageContaining("--consumer-java needs the consumer in its own process");
    }

    @Test
    void theReportNamesTheJavaThatRanTheConsumer() throws IOException {
        Path java = executable("java");
        PipelineBench.Options options = options(PipelineBench.Mode.PROCESS, java);
        var load = new MachineLoad(0.5, 0.5, 0.5);
        var loaded = new TopicLoader.Loaded(1_000, 10_000, 460_000, Duration.ofSeconds(1));
        var read = new RawReader.Read(1, 1_000, 10_000, 460_000, Duration.ofSeconds(1), Duration.ofMillis(500), load);
        var round = new ConsumerRound(1, "java -jar", 1_000, 460_000, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1), "cpu", 100L << 20, 200L << 20,
                400L << 20, 4_000_000L, "memory", 40_000, 2, 0, load, null, null);
        var result = new PipelineBench.Result(options, load, load, loaded, List.of(read), List.of(round), null, "skipped (test)",
                1L << 30, null, null, "skipped (test)");
        var report = new BenchReport(result, "sandbox bench");

        assertThat(report.table()).anyMatch(line -> line.startsWith("consumer  : separate JVM: " + java + " -jar "));
        assertThat(new ObjectMapper().readTree(report.json()).path("config").path("consumerJava").asText())
                .isEqualTo(java.toString());
    }
}
