package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash hooks of the chaos and crash tests cannot fire in production: an environment variable
 * (which compose passes through from .env) never arms them; only the JVM option -Dclickstream.fault does.
 */
class FaultHooksArmingIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @Test
    void aCrashHookInTheEnvironmentIsIgnoredAndTheConsumerRunsNormally() throws Exception {
        var names = Names.of("hooks-env");
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.createWithDeadLettersAndBucket(names, 1, STACK.s3());
            try (var producer = topics.producer(1 << 20)) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(names.topic(), "k".getBytes(StandardCharsets.UTF_8),
                            RecordSizeCapTest.validEventOf(0)));
                }
            }
        }
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("CLICKSTREAM_FAULT", "halt-after-upload");
        env.put("EXIT_WHEN_IDLE", "5s");

        JarProcess consumer = consumers.start("hooks-env", env);

        assertThat(consumer.awaitExit(Duration.ofSeconds(90))).as(consumer.tail(30)).isZero();
        assertThat(consumer.output()).contains("CLICKSTREAM_FAULT is set in the environment and ignored",
                "everything committed").doesNotContain("halting the JVM");
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.lag(names.topic(), names.group())).isZero();
        }
    }
}
