package io.clickstream.sandbox.producer;

import io.clickstream.common.config.Setting;
import io.clickstream.producer.ProducerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The producer's environment for a test: the same variables configure the in-process
 * {@code ProducerApp} and the JAR in a child process. Starts from a fixed seed, a topic the producer
 * creates with 3 partitions, and a progress line every 2 s.
 */
final class ProducerEnv {
    static final long SEED = 42;

    private final Map<String, String> values = new LinkedHashMap<>();

    private ProducerEnv() {
    }

    static ProducerEnv of(String brokers, String topic) {
        return new ProducerEnv()
                .with(ProducerConfig.BROKER, brokers)
                .with(ProducerConfig.TOPIC, topic)
                .with(ProducerConfig.SEED, SEED)
                .with(ProducerConfig.CREATE_TOPIC, true)
                .with(ProducerConfig.PARTITIONS, 3)
                .with(ProducerConfig.PROGRESS_INTERVAL, "2s");
    }

    ProducerEnv with(Setting setting, Object value) {
        values.put(setting.env(), String.valueOf(value));
        return this;
    }

    Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    ProducerConfig config() {
        return ProducerConfig.from(values, Set.of());
    }
}
