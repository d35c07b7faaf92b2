package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProducerChildReportTest {
    private static final ProducerChildRun RUN = new ProducerChildRun(Path.of("/x/clickstream-producer.jar"), 200_000,
            Duration.ofSeconds(4), Duration.ofMillis(5_500), 300L << 20, 400_000_000, Path.of("/logs/producer-jar.log"));

    private static ObjectNode json(ProducerChildRun run, String note) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ProducerChildReport.putJson(root, run, note);
        return root;
    }

    @Test
    void theTableShowsTheJarItsRateRssAndAllocationPerEvent() {
        String text = String.join("\n", ProducerChildReport.lines(RUN, null));

        assertThat(text).contains("java -jar /x/clickstream-producer.jar at the JVM's defaults")
                .contains("200,000 events (topic end offsets) in 4.0 s launch to exit = 50,000 events/s")
                .contains("CPU 5.5 s").contains("peak RSS 300 MiB (VmHWM)").contains("allocated 2,000 B/event (GC log)")
                .contains("log: /logs/producer-jar.log");
    }

    @Test
    void aSkippedRunIsOneLineWithItsReason() {
        assertThat(ProducerChildReport.lines(null, "skipped: p.jar not found"))
                .containsExactly("producer jar (java -jar, own JVM): skipped: p.jar not found");
    }

    @Test
    void theJsonHasFlatProducerChildFields() {
        ObjectNode root = json(RUN, null);

        assertThat(root.get("producerChildPeakRssMiB").asDouble()).isEqualTo(300.0);
        assertThat(root.get("producerChildPeakRssBytes").asLong()).isEqualTo(300L << 20);
        assertThat(root.get("producerChildEventsPerSecond").asDouble()).isEqualTo(50_000.0);
        assertThat(root.get("producerChildAllocatedBytesPerEvent").asDouble()).isEqualTo(2_000.0);
        assertThat(root.get("producerChildEvents").asLong()).isEqualTo(200_000);
        assertThat(root.get("producerChildSeconds").asDouble()).isEqualTo(4.0);
        assertThat(root.get("producerChildCpuSeconds").asDouble()).isEqualTo(5.5);
        assertThat(root.get("producerChildJar").asText()).isEqualTo("/x/clickstream-producer.jar");
        assertThat(root.has("producerChildSkipped")).isFalse();
    }

    @Test
    void unknownRssAndAllocationAreNullInTheJson() {
        var unknown = new ProducerChildRun(RUN.jar(), RUN.events(), RUN.wall(), RUN.cpu(), -1, -1, RUN.log());

        ObjectNode root = json(unknown, null);

        assertThat(root.get("producerChildPeakRssMiB").isNull()).isTrue();
        assertThat(root.get("producerChildAllocatedBytesPerEvent").isNull()).isTrue();
        assertThat(String.join("\n", ProducerChildReport.lines(unknown, null))).contains("peak RSS ? MiB").contains("allocated ?");
    }

    @Test
    void aSkippedRunHasOnlyItsReasonInTheJson() {
        ObjectNode root = json(null, "skipped (--producer-events 0)");

        assertThat(root.get("producerChildSkipped").asText()).isEqualTo("skipped (--producer-events 0)");
        assertThat(root.size()).isEqualTo(1);
    }
}
