package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import io.clickstream.testkit.ConsoleCapture;
import io.clickstream.testkit.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invalid records carry personal data (an IP address, a user id, a page URL) in the very fields that make
 * them invalid. The consumer's log names the field and the reason of each rejection but never quotes a
 * value, at any level of our own code; the dead-letter topic keeps the original bytes for whoever may read it.
 */
class PersonalDataNotLoggedIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    /** Unique to this run, so a hit can only be a copy of the record's value. */
    private static final String TOKEN = UUID.randomUUID().toString().replace("-", "");
    private static final String BAD_IPV4 = "198.51.100.377";
    private static final String BAD_IPV6 = "2001:db8::" + TOKEN.substring(0, 4) + ":zz";
    private static final String USER = "piiuser" + TOKEN;
    private static final String URL_NO_SCHEME = "shop.example.com/account/" + TOKEN + "/orders";
    private static final String URL_BAD_SCHEME = "javascript:alert('" + TOKEN + "')";

    /** Every value that must not reach a log line. */
    private static final List<String> PERSONAL = List.of(BAD_IPV4, BAD_IPV6, USER, URL_NO_SCHEME, URL_BAD_SCHEME, TOKEN);

    @Test
    void invalidRecordLinesNameFieldAndReasonButNeverAPersonalValueAndTheDeadLetterKeepsTheBytes() throws Exception {
        var names = Names.of("pii-logs");
        Map<String, byte[]> invalid = invalidRecords();
        List<byte[]> valid = List.of(event("\"user_id\":\"u1\"", "\"page_url\":\"https://shop.example.com/\"",
                "\"ip_address\":\"10.0.0.1\""));
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.create(names.topic(), 1);
            topics.create(names.dlqTopic(), 1);
            STACK.s3().createBucket(names.bucket());
            send(topics, names.topic(), invalid, valid);
        }

        SinkSummary summary;
        String output;
        try (var console = ConsoleCapture.tee(); var logs = LogCapture.root();
                var consumer = InProcessConsumer.start("pii-consumer", ConsumerEnv.exitingWhenIdle(STACK, names))) {
            summary = consumer.awaitExit(Duration.ofMinutes(3)).summary();
            output = String.join("\n", logs.messages()) + "\n" + console.out() + console.err();
        }

        assertThat(summary.invalid()).as("%s", summary).isEqualTo(invalid.size());
        assertThat(summary.drainedCleanly()).as("%s", summary).isTrue();
        assertThat(output).as("the capture saw the rejections").contains("invalid record " + names.topic() + "-0@");
        for (String value : PERSONAL) {
            assertThat(output).as("the log quotes no personal value").doesNotContain(value);
        }
        assertThat(output).as("each line names the field and the reason")
                .contains("ip_address invalid_ip", "page_url invalid_url", "$ malformed_json", "user_id wrong_type");

        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            List<ConsumerRecord<byte[], byte[]>> deadLetters = topics.readAll(names.dlqTopic());
            assertThat(deadLetters).hasSize(invalid.size());
            for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
                String label = new String(letter.key(), StandardCharsets.UTF_8);
                assertThat(letter.value()).as("the original bytes of %s", label).isEqualTo(invalid.get(label));
                assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_REASON)).as(label).isNotBlank();
            }
        }
    }

    /** Invalid records by label (also their Kafka key), each invalid because of a personal value. */
    private static Map<String, byte[]> invalidRecords() {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("bad-ipv4", event("\"user_id\":\"" + USER + "\"", "\"page_url\":\"https://shop.example.com/\"",
                "\"ip_address\":\"" + BAD_IPV4 + "\""));
        records.put("bad-ipv6", event("\"user_id\":\"u2\"", "\"page_url\":\"https://shop.example.com/\"",
                "\"ip_address\":\"" + BAD_IPV6 + "\""));
        records.put("url-without-scheme", event("\"user_id\":\"" + USER + "\"", "\"page_url\":\"" + URL_NO_SCHEME + "\"",
                "\"ip_address\":\"10.0.0.2\""));
        records.put("url-bad-scheme-and-ip", event("\"user_id\":\"u3\"", "\"page_url\":\"" + URL_BAD_SCHEME.replace("'", "\\u0027") + "\"",
                "\"ip_address\":\"" + BAD_IPV4 + "\""));
        // Unquoted: the JSON parser's own message would name the token it choked on.
        records.put("unquoted-user-id", event("\"user_id\":" + USER, "\"page_url\":\"https://shop.example.com/\"",
                "\"ip_address\":\"10.0.0.3\""));
        records.put("user-id-wrong-type", event("\"user_id\":[\"" + USER + "\"]",
                "\"page_url\":\"https://shop.example.com/\"", "\"ip_address\":\"10.0.0.4\""));
        return records;
    }

    private static byte[] event(String userId, String pageUrl, String ip) {
        return ("{\"event_id\":\"" + UUID.randomUUID() + "\"," + userId + ",\"session_id\":\"s-1\",\"event_type\":\"page_view\","
                + "\"timestamp\":\"" + Instant.now() + "\"," + pageUrl + "," + ip + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(KafkaTopics topics, String topic, Map<String, byte[]> invalid, List<byte[]> valid)
            throws Exception {
        try (var producer = topics.producer(1 << 20)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (byte[] value : valid) {
                acks.add(producer.send(new ProducerRecord<>(topic, 0, "valid".getBytes(StandardCharsets.UTF_8), value)));
            }
            invalid.forEach((label, value) -> acks.add(
                    producer.send(new ProducerRecord<>(topic, 0, label.getBytes(StandardCharsets.UTF_8), value))));
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }
}
