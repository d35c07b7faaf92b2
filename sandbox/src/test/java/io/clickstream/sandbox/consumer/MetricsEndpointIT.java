package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} in the Prometheus text format, with the names the README documents. */
class MetricsEndpointIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void metricsEndpointServesCountersTimersAndGaugesOfARunningConsumer() throws Exception {
        var names = Names.of("metrics");
        STACK.kafka().createTopic(names.topic(), 3);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        int port = freePort();
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("METRICS_PORT", Integer.toString(port));

        TestTraffic.Sent sent;
        try (var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), 3, 3, 31)) {
            sent = traffic.send(1200, 40); // INVALID_VALUES cycle: malformed, array, unknown type, bad time
        }
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var consumer = InProcessConsumer.start("metrics-consumer", env)) {
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), consumer::isRunning);
            assertThat(consumer.metricsPort()).isEqualTo(port);

            HttpResponse<String> health = http.send(get(port, "/health"), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            HttpResponse<String> response = http.send(get(port, "/metrics"), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            String body = response.body();
            System.out.println("MetricsEndpointIT: clickstream series served:");
            body.lines().filter(l -> l.startsWith("clickstream_")).forEach(l -> System.out.println("  " + l));

            assertThat(value(body, "clickstream_records_consumed_total")).hasValue(sent.total());
            assertThat(value(body, "clickstream_records_valid_total")).hasValue(sent.valid());
            double invalid = 0;
            for (String reason : new String[] {"malformed_json", "not_an_object", "unknown_event_type",
                    "invalid_timestamp"}) {
                OptionalDouble perReason = value(body, "clickstream_records_invalid_total{reason=\"" + reason + "\"}");
                assertThat(perReason).as("invalid records with reason %s", reason).isPresent();
                assertThat(perReason.getAsDouble()).as("invalid records with reason %s", reason).isPositive();
                invalid += perReason.getAsDouble();
            }
            assertThat(invalid).isEqualTo(sent.invalid());
            assertThat(value(body, "clickstream_records_invalid_total{reason=\"invalid_ip\"}")).hasValue(0);
            assertThat(value(body, "clickstream_files_uploaded_total").orElse(0)).isGreaterThanOrEqualTo(3);
            assertThat(value(body, "clickstream_upload_latency_seconds_count").orElse(0)).isGreaterThanOrEqualTo(3);
            assertThat(body).contains("clickstream_upload_latency_seconds_sum", "clickstream_upload_latency_seconds_max",
                    "clickstream_upload_latency_seconds{quantile=\"0.99\"}");
            assertThat(value(body, "clickstream_commit_latency_seconds_count").orElse(0)).isPositive();
            // Everything is committed and nothing new arrived: the gauges read an idle consumer.
            assertThat(value(body, "clickstream_buffer_bytes")).hasValue(0);
            assertThat(value(body, "clickstream_files_open")).hasValue(0);
            assertThat(value(body, "clickstream_uncommitted_oldest_seconds")).hasValue(0);
            for (int p = 0; p < 3; p++) {
                assertThat(value(body, "clickstream_consumer_lag{partition=\"" + p + "\",topic=\"" + names.topic() + "\"}"))
                        .as("lag of partition %d", p).hasValue(0);
            }
            assertThat(body).contains("clickstream_upload_bytes", "clickstream_rows_uploaded_total",
                    "clickstream_commits_total", "clickstream_upload_failures_total", "clickstream_upload_retries_total");
            consumer.stop(Duration.ofSeconds(30));
        }
        var report = Lake.verify(STACK, names, true);
        assertThat(report.ok()).as(report.describe()).isTrue();
    }

    /** The sample value of the series whose name and labels are exactly {@code series}. */
    private static OptionalDouble value(String body, String series) {
        return body.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(
                l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0])).findFirst();
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .GET().build();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
