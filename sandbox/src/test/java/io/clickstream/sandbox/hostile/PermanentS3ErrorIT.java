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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An S3 error that no retry fixes (AccessDenied, after the start-up check passed: a bucket policy changed)
 * is retried a bounded number of times, then the consumer stops with exit 1 naming the error and the key;
 * nothing is committed past the file. An outage (503) would instead be waited out.
 */
class PermanentS3ErrorIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @AfterEach
    void heal() {
        STACK.s3().healRequests();
    }

    @Test
    void accessDeniedOnUploadStopsTheConsumerWithExitOneNamingTheErrorAndTheKey() throws Exception {
        var names = Names.of("s3-denied");
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.createWithDeadLettersAndBucket(names, 1, STACK.s3());
        }
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("UPLOAD_BACKOFF_MAX", "1s");
        JarProcess consumer = consumers.start("s3-denied", env);
        ExitWhenIdleIT.awaitLine(consumer, "assigned [", Duration.ofSeconds(60));
        STACK.s3().failRequests(403);
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers()); var producer = topics.producer(1 << 20)) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(names.topic(), "k".getBytes(StandardCharsets.UTF_8),
                        RecordSizeCapTest.validEventOf(0))).get();
            }
        }

        assertThat(consumer.awaitExit(Duration.ofSeconds(90))).as(consumer.tail(30)).isEqualTo(1);
        assertThat(consumer.output()).contains("stopping: failed to upload s3://" + names.bucket() + "/" + names.prefix() + "/",
                "AccessDenied (HTTP 403)", "nothing is committed from offset 0 of " + names.topic() + "-0",
                "NOT everything committed");
        StartupTimeoutIT.assertNoStackTrace(consumer.output());
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.committed(names.topic(), names.group()).get(0)).isZero();
        }
    }
}
