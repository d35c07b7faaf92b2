package io.clickstream.consumer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's HTTP endpoint on the JDK's built-in server: {@code /metrics} (Prometheus text format),
 * {@code /health} (liveness) and {@code /ready} (readiness, JSON). Exact paths (anything else is 404),
 * GET and HEAD only (anything else is 405).
 *
 * <p>The JDK server is enough for three small resources and adds no dependency, but two of its defaults
 * do not suit an endpoint that anything on the network can reach: it runs every exchange on its one
 * dispatcher thread, and it waits for a request for ever. So exchanges run on a few handler threads, and
 * a request must arrive within {@value #MAX_REQUEST_SECONDS} s (a response be written within
 * {@value #MAX_RESPONSE_SECONDS} s) or the server closes the connection: one client that sends half a
 * request, or never reads its answer, neither blocks the others nor holds a thread for long.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    static final int MAX_REQUEST_SECONDS = 10;
    static final int MAX_RESPONSE_SECONDS = 30;
    private static final int HANDLER_THREADS = 4;

    static {
        // The JDK server (sun.net.httpserver.ServerImpl) reads its time limits from these properties once, when
        // the JVM creates its first server, so they are set before this class creates one. Left alone when
        // set on the command line (-Dsun.net.httpserver.maxReqTime=...). Both are in seconds.
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(MAX_RESPONSE_SECONDS));
    }

    /** The address cannot be listened on (in use, not an address of this machine, unknown): a start-up problem. */
    public static final class CannotListen extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CannotListen(String message) {
            super(message, null, false, false);
        }
    }

    /** What one resource answers. */
    private record Response(int status, String contentType, byte[] body) {
        static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Map<String, Supplier<Response>> resources;

    /**
     * Listens on {@code host:port} at once (port 0 = any free port).
     *
     * @throws CannotListen naming METRICS_HOST and METRICS_PORT, when the address cannot be listened on
     */
    public MetricsServer(String host, int port, PrometheusMeterRegistry registry, HealthState health) {
        this.resources = Map.of(
                "/metrics", () -> new Response(200, "text/plain; version=0.0.4; charset=utf-8",
                        registry.scrape().getBytes(StandardCharsets.UTF_8)),
                "/health", () -> {
                    Liveness liveness = health.liveness();
                    return Response.text(liveness.alive() ? 200 : 503, liveness.text());
                },
                "/ready", () -> {
                    Readiness readiness = health.readiness();
                    return new Response(readiness.ready() ? 200 : 503, "application/json",
                            readiness.toJson().getBytes(StandardCharsets.UTF_8));
                });
        var address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new CannotListen("METRICS_HOST=" + host + " is not an address of this machine (it does not resolve)");
        }
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new CannotListen("cannot listen on METRICS_HOST=" + host + " METRICS_PORT=" + port + ": " + e.getMessage()
                    + (port > 0 && String.valueOf(e.getMessage()).contains("in use")
                            ? " (another process has the port: choose another METRICS_PORT, or 0 for none)" : ""));
        }
        handlers = Executors.newFixedThreadPool(HANDLER_THREADS, handlerThreads());
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where it listens, e.g. {@code 0.0.0.0:9404}. */
    public String address() {
        InetSocketAddress a = server.getAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Supplier<Response> resource = resources.get(exchange.getRequestURI().getRawPath());
            String method = exchange.getRequestMethod();
            Response response;
            if (resource == null) {
                response = Response.text(404, "not found: /metrics, /health and /ready are served\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = Response.text(405, "method not allowed: GET or HEAD\n");
            } else {
                response = answer(resource);
            }
            send(exchange, response, method.equals("HEAD"));
        } finally {
            exchange.close();
        }
    }

    private static Response answer(Supplier<Response> resource) {
        try {
            return resource.get();
        } catch (RuntimeException e) {
            log.warn("HTTP endpoint failed to answer: {}", e.toString());
            return Response.text(500, "internal error\n");
        }
    }

    private static void send(HttpExchange exchange, Response response, boolean headersOnly) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        if (headersOnly) {
            exchange.sendResponseHeaders(response.status(), -1); // -1: no body
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static java.util.concurrent.ThreadFactory handlerThreads() {
        var n = new AtomicInteger();
        return r -> {
            var t = new Thread(r, "metrics-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
