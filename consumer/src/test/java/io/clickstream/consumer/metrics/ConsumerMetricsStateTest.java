package io.clickstream.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsumerMetricsStateTest {

    @Test
    void aStateGaugeWhoseReadingFailsMidChangeShowsItsLastGoodValue() {
        var metrics = new ConsumerMetrics(new SimpleMeterRegistry());
        AtomicInteger reads = new AtomicInteger();
        metrics.bindState(() -> {
            if (reads.incrementAndGet() == 2) {
                throw new NullPointerException("this.columnStore is null"); // parquet's writer mid-flush
            }
            return 1000L * reads.get();
        }, () -> 3, () -> 1.5);

        var gauge = metrics.registry().get("clickstream.buffer.bytes").gauge();

        assertThat(gauge.value()).isEqualTo(1000.0);
        assertThat(gauge.value()).isEqualTo(1000.0);
        assertThat(gauge.value()).isEqualTo(3000.0);
        assertThat(metrics.registry().get("clickstream.files.open").gauge().value()).isEqualTo(3.0);
    }
}
