package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.ProducerConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProducerBenchEnvironmentTest {

    @Test
    void theProducerIsToldItsBrokerTopicCountAndSeedAtRateZeroEverythingElseDefault() {
        var env = ProducerBench.environment("127.0.0.1:19092", "bench-producer-jar", 200_000, 42);

        ProducerConfig config = ProducerConfig.from(env, Set.of());

        assertThat(env).containsOnlyKeys("KAFKA_BROKER", "KAFKA_TOPIC", "PRODUCER_EVENTS", "PRODUCER_RATE", "PRODUCER_SEED");
        assertThat(config.brokers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.topic()).isEqualTo("bench-producer-jar");
        assertThat(config.events()).isEqualTo(200_000);
        assertThat(config.rate()).isZero();
        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.partitions()).isEqualTo(ProducerConfig.defaults().partitions());
    }
}
