package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProducerChildRunTest {

    @Test
    void eventsPerSecondCountFromLaunchToExit() {
        var run = new ProducerChildRun(Path.of("p.jar"), 200_000, Duration.ofMillis(4_000), Duration.ofSeconds(5),
                300L << 20, 400_000_000, Path.of("p.log"));

        assertThat(run.eventsPerSecond()).isCloseTo(50_000, within(1e-6));
        assertThat(run.allocatedBytesPerEvent()).isCloseTo(2_000, within(1e-9));
    }

    @Test
    void allocationPerEventIsUnknownWithoutAGcLog() {
        var run = new ProducerChildRun(Path.of("p.jar"), 200_000, Duration.ofSeconds(4), Duration.ofSeconds(5),
                300L << 20, -1, Path.of("p.log"));

        assertThat(run.allocatedBytesPerEvent()).isNaN();
    }
}
