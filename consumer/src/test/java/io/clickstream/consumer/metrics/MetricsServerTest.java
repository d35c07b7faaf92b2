package io.clickstream.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.testkit.MutableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server on a loopback port; the state behind it is driven by hand. */
class MetricsServerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-19T10:00:00Z"));
    private final HealthState health = new HealthState(clock);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsServer server = new MetricsServer("127.0.0.1", 0, registry, health);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIs200WhileTheLoopTurnsAnd503OnceItStalled() throws Exception {
        assertThat(send("GET", "/health").statusCode()).isEqualTo(200);

        clock.advance(HealthState.MAX_TURN_GAP.plusSeconds(5));
        HttpResponse<String> stalled = send("GET", "/health");

        assertThat(stalled.statusCode()).isEqualTo(503);
        assertThat(stalled.body()).startsWith("stalled: the poll loop last turned 125 s ago");
    }

    @Test
    void readyIs503WithItsReasonsInJsonUntilTheConsumerIsReady() throws Exception {
        HttpResponse<String> starting = send("GET", "/ready");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(starting.body()).contains("\"ready\":false", "\"joined\":false", "\"s3\":\"unknown\"");

        health.s3(true);
        health.turned(true, 2, Set.of(), Set.of());
        HttpResponse<String> ready = send("GET", "/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\":true", "\"assigned\":2");
    }

    @Test
    void metricsServesThePrometheusTextFormat() throws Exception {
        registry.counter("clickstream.test").increment();

        HttpResponse<String> metrics = send("GET", "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("clickstream_test_total 1.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/health", "/ready"})
    void headAnswersWithoutABody(String path) throws Exception {
        HttpResponse<String> head = send("HEAD", path);

        assertThat(head.statusCode()).isIn(200, 503);
        assertThat(head.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"})
    void anyOtherMethodIs405NamingTheAllowedOnes(String method) throws Exception {
        HttpResponse<String> refused = send(method, "/health");

        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(refused.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/healthz", "/health/", "/health/x", "/metrics.txt", "/Ready", "/ready/x", "/%68ealth"})
    void anyOtherPathIs404(String path) throws Exception {
        assertThat(send("GET", path).statusCode()).isEqualTo(404);
    }

    @Test
    void aPortInUseIsOneLineNamingTheSettings() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            var e = catchThrowableOfType(MetricsServer.CannotListen.class,
                    () -> new MetricsServer("127.0.0.1", port, registry, health).close());

            assertThat(e.getMessage()).contains("METRICS_HOST=127.0.0.1", "METRICS_PORT=" + port, "in use")
                    .doesNotContain("\n");
            assertThat(e.getStackTrace()).as("an expected condition: no stack trace to print").isEmpty();
        }
    }

    @Test
    void anAddressNotOfThisMachineIsOneLineNamingTheSettings() {
        var e = catchThrowableOfType(MetricsServer.CannotListen.class,
                () -> new MetricsServer("192.0.2.1", 0, registry, health).close());

        assertThat(e.getMessage()).contains("METRICS_HOST=192.0.2.1").doesNotContain("\n");
    }

    @Test
    void listensOnTheGivenAddressOnly() {
        assertThat(server.address()).isEqualTo("127.0.0.1:" + server.port());
    }
}
