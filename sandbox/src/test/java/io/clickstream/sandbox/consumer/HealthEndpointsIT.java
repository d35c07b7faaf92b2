package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumer's HTTP endpoint as a scraper, a load balancer and an orchestrator see it: {@code /health}
 * (liveness) and {@code /ready} (readiness, JSON) on exact paths, GET and HEAD only, several clients at
 * once, and a client that stops half-way through its request neither blocks the others nor holds a
 * connection for ever.
 */
class HealthEndpointsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private Map<String, String> env(Names names, int port) {
        STACK.kafka().createTopic(names.topic(), 2);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("METRICS_PORT", Integer.toString(port));
        return env;
    }

    @Test
    void healthAndReadyAnswerGetAndHeadOnTheirExactPathsAndNothingElse() throws Exception {
        int port = freePort();
        try (var consumer = InProcessConsumer.start("health-paths", env(Names.of("health-paths"), port))) {
            JsonNode ready = awaitReady(port, r -> r.path("assigned").asInt() == 2);
            assertThat(ready.path("ready").asBoolean()).isTrue();
            assertThat(ready.path("standby").asBoolean()).isFalse();
            assertThat(ready.path("s3").asText()).isEqualTo("reachable");
            assertThat(ready.path("backoff").isArray()).isTrue();
            assertThat(ready.path("backoff")).isEmpty();

            HttpResponse<String> health = send(port, "GET", "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
            assertThat(send(port, "GET", "/ready").headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(send(port, "GET", "/health?verbose=1").statusCode()).as("a query does not change the path")
                    .isEqualTo(200);

            for (String path : new String[] {"/health", "/ready", "/metrics"}) {
                HttpResponse<String> head = send(port, "HEAD", path);
                assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(200);
                assertThat(head.body()).as("HEAD %s has no body", path).isEmpty();
                for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
                    HttpResponse<String> refused = send(port, method, path);
                    assertThat(refused.statusCode()).as("%s %s", method, path).isEqualTo(405);
                    assertThat(refused.headers().firstValue("Allow")).as("%s %s", method, path).hasValue("GET, HEAD");
                }
            }
            for (String path : new String[] {"/", "/healthz", "/health/", "/health/x", "/ready.json", "/metrics/x",
                    "/metricsx", "/HEALTH"}) {
                assertThat(send(port, "GET", path).statusCode()).as("GET %s", path).isEqualTo(404);
            }
            assertThat(consumer.isRunning()).isTrue();
        }
    }

    @Test
    void aConsumerWithoutPartitionsIsAReadyStandby() throws Exception {
        var names = Names.of("health-standby");
        STACK.kafka().createTopic(names.topic(), 1);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        int first = freePort();
        int second = freePort();
        Map<String, String> firstEnv = ConsumerEnv.of(STACK, names);
        firstEnv.put("METRICS_PORT", Integer.toString(first));
        Map<String, String> secondEnv = ConsumerEnv.of(STACK, names);
        secondEnv.put("METRICS_PORT", Integer.toString(second));

        try (var owner = InProcessConsumer.start("health-owner", firstEnv)) {
            awaitReady(first, r -> r.path("assigned").asInt() == 1);
            try (var standby = InProcessConsumer.start("health-standby", secondEnv)) {
                JsonNode ready = awaitReady(second, r -> r.path("standby").asBoolean());

                assertThat(ready.path("ready").asBoolean()).isTrue();
                assertThat(ready.path("assigned").asInt()).isZero();
                assertThat(read(first).path("assigned").asInt()).as("the owner keeps the only partition").isEqualTo(1);
                assertThat(standby.isRunning() && owner.isRunning()).isTrue();
            }
        }
    }

    @Test
    void readinessFollowsS3WhileLivenessStaysUp() throws Exception {
        var names = Names.of("health-s3");
        int port = freePort();
        Map<String, String> env = env(names, port);
        env.put("BATCH_MAX_AGE", "1s");
        try (var consumer = InProcessConsumer.start("health-s3", env);
                var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), 2, 1, 7)) {
            awaitReady(port, r -> r.path("assigned").asInt() == 2);
            STACK.s3().failRequests(503);
            try {
                traffic.send(50, 0);
                JsonNode notReady = await(port, r -> r.path("s3").asText().equals("unreachable")
                        && !r.path("backoff").isEmpty());
                assertThat(notReady.path("ready").asBoolean()).isFalse();
                assertThat(notReady.path("backoff").get(0).path("partition").asText()).startsWith(names.topic() + "-");
                assertThat(send(port, "GET", "/ready").statusCode()).isEqualTo(503);
                assertThat(send(port, "GET", "/health").statusCode()).as("S3 down is no reason to restart")
                        .isEqualTo(200);
            } finally {
                STACK.s3().healRequests();
            }
            // the retried uploads succeed: S3 answers, and no partition is left retrying
            awaitReady(port, r -> r.path("s3").asText().equals("reachable") && r.path("backoff").isEmpty());
            assertThat(consumer.isRunning()).isTrue();
        }
    }

    @Test
    void aClientThatStopsHalfWayThroughItsRequestBlocksNobodyAndIsCutOff() throws Exception {
        int port = freePort();
        try (var consumer = InProcessConsumer.start("health-slow", env(Names.of("health-slow"), port))) {
            awaitHealthy(port);

            try (var slow = new Socket()) {
                slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 3_000);
                slow.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII));
                slow.getOutputStream().flush();

                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    assertThat(send(port, "GET", "/health").statusCode()).isEqualTo(200);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered while the slow client waits")
                            .isLessThan(Duration.ofSeconds(2));
                }

                slow.setSoTimeout(30_000);
                long start = System.nanoTime();
                assertThat(readUntilClosed(slow.getInputStream())).as("the server closed the connection").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("cut off by the read timeout")
                        .isLessThan(Duration.ofSeconds(25));
            }
            assertThat(send(port, "GET", "/health").statusCode()).isEqualTo(200);
            assertThat(consumer.isRunning()).isTrue();
        }
    }

    @Test
    void metricsHostBindsTheEndpointToThatAddressOnly() throws Exception {
        Optional<InetAddress> other = nonLoopbackAddress();
        assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address to try");
        int port = freePort();
        Map<String, String> env = env(Names.of("health-host"), port);
        env.put("METRICS_HOST", "127.0.0.1");
        try (var consumer = InProcessConsumer.start("health-host", env)) {
            awaitReady(port, r -> r.path("assigned").asInt() == 2);

            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(other.get(), port), 3_000);
                throw new AssertionError("connected to " + other.get() + ":" + port + " although METRICS_HOST=127.0.0.1");
            } catch (ConnectException expected) {
                assertThat(expected).hasMessageContaining("refused");
            }
            assertThat(consumer.isRunning()).isTrue();
        }
    }

    /** Polls {@code /health} until it answers 200. */
    private void awaitHealthy(int port) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "(no answer yet)";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = send(port, "GET", "/health");
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("/health did not answer 200 within " + WAIT + "; last answer: " + last);
    }

    /** Polls {@code /ready} until it answers 200 with a body that matches. */
    private JsonNode awaitReady(int port, Predicate<JsonNode> matching) throws Exception {
        return await(port, r -> r.path("ready").asBoolean() && matching.test(r));
    }

    private JsonNode await(int port, Predicate<JsonNode> matching) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "(no answer yet)";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = send(port, "GET", "/ready");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() / 100 == 2 || response.statusCode() == 503) {
                    JsonNode body = JSON.readTree(response.body());
                    if (matching.test(body)) {
                        return body;
                    }
                }
            } catch (IOException | RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("/ready did not match within " + WAIT + "; last answer: " + last);
    }

    private JsonNode read(int port) throws Exception {
        return JSON.readTree(send(port, "GET", "/ready").body());
    }

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(3))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** True once the peer closes (or resets) the connection; false if it answers or the read times out. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
