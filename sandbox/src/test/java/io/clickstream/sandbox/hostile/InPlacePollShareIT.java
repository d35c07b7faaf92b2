package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A valid record just under the default MAX_RECORD_BYTES (1 MB), with a 36-byte key and a 300-byte header, in a
 * zstd batch, on a consumer whose poll share is the smallest (BUFFER_MAX_BYTES=1MB: a quarter of it, at least 1 MB).
 * Key and value together fit the share, and the copying deserializer took such a record as a poll's first. Read in
 * place, the value counts its record's whole array (key again, headers, framing) after the key was counted: the
 * record is refused as the first of every poll, and poll() throws.
 */
class InPlacePollShareIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void aRecordWhoseKeyAndValueFitThePollShareIsConsumedWhenReadInPlace() throws Exception {
        var names = Names.of("in-place-share");
        String base = "{\"event_id\":\"e-share-1\",\"user_id\":\"u-1\",\"session_id\":\"s-1\",\"event_type\":\"page_view\","
                + "\"timestamp\":\"2026-01-19T10:15:30Z\",\"page_url\":\"https://shop.example.com/p/1\","
                + "\"ip_address\":\"10.0.0.1\",\"user_agent\":\"Mozilla/5.0\",\"device\":\"mobile\"";
        byte[] value = (base + " ".repeat((1 << 20) - 200 - base.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
        byte[] key = "4f1c2b9e-8d7a-4c3b-9e2f-1a2b3c4d5e6f".getBytes(StandardCharsets.UTF_8);
        var headers = new RecordHeaders();
        headers.add(new RecordHeader("traceparent", new byte[289]));
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(names.topic(), 1, 2 << 20);
            topics.create(names.dlqTopic(), 1);
            STACK.s3().createBucket(names.bucket());
            try (var producer = topics.producer(2 << 20, "zstd")) {
                producer.send(new ProducerRecord<>(names.topic(), null, key, value, headers)).get();
            }
        }

        Map<String, String> env = ConsumerEnv.exitingWhenIdle(STACK, names);
        env.put("BUFFER_MAX_BYTES", "1MB");
        SinkSummary summary;
        try (var consumer = InProcessConsumer.start("hostile-consumer", env)) {
            InProcessConsumer.Outcome outcome = consumer.awaitExit(Duration.ofMinutes(2));
            assertThat(outcome).as("the consumer's run").isInstanceOf(InProcessConsumer.Outcome.Returned.class);
            summary = outcome.summary();
        }
        assertThat(summary.drainedCleanly()).as("%s", summary).isTrue();
        assertThat(summary.consumed()).as("%s", summary).isEqualTo(1);
        assertThat(summary.valid()).as("%s", summary).isEqualTo(1);
    }
}
