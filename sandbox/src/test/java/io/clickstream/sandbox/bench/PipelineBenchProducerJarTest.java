package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBenchProducerJarTest {

    private static PipelineBench.Options options(long producerEvents, Path producerJar) {
        return new PipelineBench.Options(1_000, 2, 1, 42, PipelineBench.Mode.IN_PROCESS, null, List.of(), Map.of(),
                Duration.ofSeconds(5), producerEvents, null, Duration.ofMinutes(1), producerJar);
    }

    @Test
    void aMissingProducerJarSkipsItsRunSayingHowToBuildIt(@TempDir Path dir) {
        String reason = PipelineBench.producerJarSkipReason(options(1_000, dir.resolve("clickstream-producer.jar")));

        assertThat(reason).startsWith("skipped: " + dir.resolve("clickstream-producer.jar") + " not found")
                .contains("mvn -B -pl producer -am package").contains("--producer-jar");
        assertThat(PipelineBench.producerJarSkipReason(options(1_000, null))).startsWith("skipped: no producer jar");
    }

    @Test
    void zeroProducerEventsSkipsTheJarToo(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("clickstream-producer.jar"));

        assertThat(PipelineBench.producerJarSkipReason(options(0, jar))).isEqualTo("skipped (--producer-events 0)");
        assertThat(PipelineBench.producerJarSkipReason(options(1_000, jar))).isNull();
    }
}
