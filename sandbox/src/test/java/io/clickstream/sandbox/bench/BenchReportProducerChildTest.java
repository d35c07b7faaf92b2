package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The producer jar's run in the whole report: its RSS target next to the consumer's, and the JSON around it. */
class BenchReportProducerChildTest {
    private static final MachineLoad LOAD = new MachineLoad(0.5, 0.5, 0.5);

    private static PipelineBench.Result result(ProducerChildRun child, String childNote) {
        var options = new PipelineBench.Options(1_000, 2, 1, 42, PipelineBench.Mode.IN_PROCESS, null, List.of(), Map.of(),
                Duration.ofSeconds(5), 1_000, null, Duration.ofMinutes(1), Path.of("/x/clickstream-producer.jar"));
        var loaded = new TopicLoader.Loaded(1_000, 10_000, 460_000, Duration.ofSeconds(1));
        var read = new RawReader.Read(1, 1_000, 10_000, 460_000, Duration.ofMillis(10), Duration.ofMillis(5), LOAD);
        var round = new ConsumerRound(1, "in-process", 1_000, 460_000, Duration.ofSeconds(6), Duration.ofSeconds(5),
                Duration.ofMillis(-1), Duration.ofMillis(-1), Duration.ofMillis(100), "cpu", 100L << 20, 200L << 20,
                400L << 20, 4_000_000, "memory", 50_000, 1, 0, LOAD, null, null);
        return new PipelineBench.Result(options, LOAD, LOAD, loaded, List.of(read), List.of(round), null,
                "skipped (test)", 1L << 30, null, child, childNote);
    }

    private static ProducerChildRun childWithRss(long rssBytes) {
        return new ProducerChildRun(Path.of("/x/clickstream-producer.jar"), 1_000, Duration.ofSeconds(2),
                Duration.ofSeconds(3), rssBytes, 2_000_000, Path.of("/logs/producer-jar.log"));
    }

    private static JsonNode json(PipelineBench.Result result) throws Exception {
        return new ObjectMapper().readTree(new BenchReport(result, "sandbox bench").json());
    }

    private static JsonNode target(JsonNode root, String name) {
        for (JsonNode t : root.get("targets")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Test
    void theProducerJarsPeakRssIsATargetOf512MiBNextToTheConsumers() throws Exception {
        JsonNode met = target(json(result(childWithRss(300L << 20), null)), "producer RSS peak");
        JsonNode missed = target(json(result(childWithRss(600L << 20), null)), "producer RSS peak");

        assertThat(met.get("measured").asDouble()).isEqualTo(300.0);
        assertThat(met.get("target").asDouble()).isEqualTo(512.0);
        assertThat(met.get("comparison").asText()).isEqualTo("<=");
        assertThat(met.get("met").asBoolean()).isTrue();
        assertThat(missed.get("met").asBoolean()).isFalse();
        assertThat(new BenchReport(result(childWithRss(300L << 20), null), "c").table())
                .anyMatch(line -> line.matches(" +producer RSS peak +300 MiB +<= +512 MiB +MET .*"));
    }

    @Test
    void aSkippedProducerJarHasNoRssTargetAndItsReasonInTheTableAndJson() throws Exception {
        var skipped = result(null, "skipped: /x/clickstream-producer.jar not found");

        JsonNode root = json(skipped);

        assertThat(target(root, "producer RSS peak")).isNull();
        assertThat(root.get("producerChildSkipped").asText()).isEqualTo("skipped: /x/clickstream-producer.jar not found");
        assertThat(new BenchReport(skipped, "c").table())
                .contains("  producer jar (java -jar, own JVM): skipped: /x/clickstream-producer.jar not found");
    }

    @Test
    void theJsonKeepsEveryEarlierFieldAndAddsTheProducerChildOnes() throws Exception {
        JsonNode root = json(result(childWithRss(300L << 20), null));
        List<String> fields = new ArrayList<>();
        root.fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsSubsequence("command", "machine", "logDir", "config", "data", "rawRead", "consumer",
                "producerSkipped", "targets");
        assertThat(fields).contains("producerChildPeakRssMiB", "producerChildEventsPerSecond",
                "producerChildAllocatedBytesPerEvent");
        assertThat(root.get("config").get("producerEvents").asLong()).isEqualTo(1_000);
        assertThat(root.get("config").get("producerJar").asText()).isEqualTo("/x/clickstream-producer.jar");
        assertThat(target(root, "consumer RSS peak").get("measured").asDouble()).isEqualTo(400.0);
    }
}
