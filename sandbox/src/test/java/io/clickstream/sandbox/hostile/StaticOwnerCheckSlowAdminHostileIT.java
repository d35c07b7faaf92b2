package io.clickstream.sandbox.hostile;

import static io.clickstream.sandbox.hostile.StaticGroupRig.ENFORCE_LINE;
import static io.clickstream.sandbox.hostile.StaticGroupRig.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The owner check of a static classic member ({@code StaticRestartRebalance}) held up on purpose: the member's
 * KAFKA_BROKER is a proxy that delays only the connections whose first request names a client id starting with
 * "clickstream-owners-" (the check's Admin client), so the check is deterministically still running when the test
 * acts. A SIGTERM then must end the consumer promptly with 0, and a check slower than its own timeout must end,
 * fall back to asking for the rebalance, and leave no thread behind.
 */
class StaticOwnerCheckSlowAdminHostileIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @Test
    void aSigtermWhileTheOwnerCheckIsStillWaitingEndsTheConsumerPromptlyWithZero() throws Exception {
        try (var rig = new StaticGroupRig(STACK, "owner-check-slow-term", 3);
                var proxy = new OwnerCheckDelayProxy(STACK.kafka().port(), 8_000)) {
            Map<String, String> a = rig.env("classic", "a", "30s");
            a.put("KAFKA_BROKER", "127.0.0.1:" + proxy.port());
            a.put("SHUTDOWN_TIMEOUT", "10s");
            JarProcess p = consumers.start("owner-slow-term-a", a, List.of("-Xmx256m"));
            StaticGroupRig.await(() -> proxy.held() > 0, Duration.ofSeconds(60), () -> "the check's connection:\n" + p.tail(20));
            List<String> threads = StaticOwnerCheckSecureHostileIT.checkThreads(p.process().pid());
            long termAt = System.nanoTime();
            p.terminate();
            int code = p.awaitExit(Duration.ofSeconds(60));
            long exitMs = Duration.ofNanos(System.nanoTime() - termAt).toMillis();
            System.out.printf("HOSTILE SIGTERM during the owner check: check threads at SIGTERM %s; exit %d after %d ms;"
                    + " tail:%n%s%n", threads, code, exitMs, p.tail(6));
            assertThat(threads).as("the check was running at SIGTERM").anyMatch(t -> t.contains("group-owners-check"));
            assertThat(code).as(p.tail(30)).isZero();
            assertThat(exitMs).isLessThan(20_000);
            assertThat(count(p, "Exception in thread")).isZero();
            assertThat(count(p, "asked the group for a rebalance")).as("nothing asked on the way out").isZero();
            assertThat(StaticGroupRig.stackTraceLines(p)).isEmpty();
        }
    }

    @Test
    void aCheckSlowerThanItsTimeoutEndsAsksForTheRebalanceAndLeavesNoThread() throws Exception {
        try (var rig = new StaticGroupRig(STACK, "owner-check-slow-timeout", 3);
                var proxy = new OwnerCheckDelayProxy(STACK.kafka().port(), 60_000)) {
            Map<String, String> a = rig.env("classic", "a", "30s");
            a.put("KAFKA_BROKER", "127.0.0.1:" + proxy.port());
            JarProcess p = consumers.start("owner-slow-timeout-a", a, List.of("-Xmx256m"));
            StaticGroupRig.await(() -> proxy.held() > 0, Duration.ofSeconds(60), () -> "the check's connection:\n" + p.tail(20));
            long heldAt = System.nanoTime();
            StaticGroupRig.await(() -> p.output().contains("could not ask the group's coordinator"), Duration.ofSeconds(30),
                    () -> "the fallback:\n" + p.tail(20));
            long fallbackMs = Duration.ofNanos(System.nanoTime() - heldAt).toMillis();
            List<String> left = StaticOwnerCheckSecureHostileIT.awaitThreadsGone(p, Duration.ofSeconds(15));
            long sent = rig.send(300);
            rig.awaitCommittedToEnd(Duration.ofSeconds(60), p::isAlive);
            System.out.printf("HOSTILE owner check slower than its timeout: fallback after %d ms: %s; threads left %s%n",
                    fallbackMs, p.lastLine(l -> l.contains("StaticRestartRebalance")).orElse(""), left);
            assertThat(left).isEmpty();
            assertThat(fallbackMs).isLessThan(15_000);
            assertThat(count(p, ENFORCE_LINE)).isZero();
            assertThat(count(p, "asked the group for a rebalance")).isEqualTo(1);
            p.terminate();
            assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.tail(20)).isZero();
            assertThat(StaticGroupRig.stackTraceLines(p)).isEmpty();
            assertThat(rig.verifyLake().rows()).isEqualTo(sent);
        }
    }

    @Test
    void aRestartKilledWhileItsOwnerCheckIsOutLeavesTheOrphansToTheNextRestart() throws Exception {
        try (var rig = new StaticGroupRig(STACK, "owner-check-killed-mid-check", 6);
                var proxy = new OwnerCheckDelayProxy(STACK.kafka().port(), 30_000)) {
            Map<String, String> a = rig.env("classic", "a", "60s");
            a.put("BATCH_MAX_RECORDS", "1000000");
            a.put("BATCH_MAX_AGE", "6h");
            Map<String, String> b = rig.env("classic", null, "60s");
            JarProcess first = consumers.start("killed-mid-check-a-first", a,
                    List.of("-Xmx256m", "-Dclickstream.fault=halt-after-upload:1"));
            rig.awaitStable(1, Duration.ofSeconds(60));
            rig.awaitHeld(first, rig.partitions);
            long sent = rig.send(600);
            StaticGroupRig.await(() -> first.output().contains("consumed=" + sent + " "), Duration.ofSeconds(60),
                    () -> "a consumed everything:\n" + first.tail(20));
            JarProcess joiner = consumers.start("killed-mid-check-b-dynamic", b, List.of("-Xmx256m"));
            assertThat(first.awaitExit(Duration.ofSeconds(60))).as(first.tail(20)).isEqualTo(137);
            Thread.sleep(3000);
            String orphaned = rig.describeShort();

            // The second run's check is held by the proxy; it is killed before the answer.
            Map<String, String> aAgain = new java.util.HashMap<>(a);
            aAgain.put("BATCH_MAX_AGE", "1s");
            Map<String, String> viaProxy = new java.util.HashMap<>(aAgain);
            viaProxy.put("KAFKA_BROKER", "127.0.0.1:" + proxy.port());
            JarProcess second = consumers.start("killed-mid-check-a-second", viaProxy, List.of("-Xmx256m"));
            StaticGroupRig.await(() -> proxy.held() > 0, Duration.ofSeconds(60), () -> "the check's connection:\n" + second.tail(20));
            second.kill();
            String afterSecond = rig.describeShort();

            long thirdAt = System.nanoTime();
            JarProcess third = consumers.start("killed-mid-check-a-third", aAgain, List.of("-Xmx256m"));
            Duration toLagZero = rig.awaitCommittedToEnd(Duration.ofSeconds(60), () -> third.isAlive() && joiner.isAlive());
            System.out.printf("HOSTILE restart killed mid-check: orphaned %s; after the killed run %s; third run to lag 0:"
                    + " %d ms; third's line: %s; second's lines: %d%n", orphaned, afterSecond,
                    Duration.ofNanos(System.nanoTime() - thirdAt).toMillis(),
                    third.lastLine(l -> l.contains("StaticRestartRebalance")).orElse("(none)"),
                    count(second, "StaticRestartRebalance"));
            assertThat(count(second, "asked the group for a rebalance")).isZero();
            assertThat(count(third, ENFORCE_LINE)).isEqualTo(1);
            third.terminate();
            joiner.terminate();
            assertThat(third.awaitExit(Duration.ofSeconds(60))).as(third.tail(20)).isZero();
            assertThat(joiner.awaitExit(Duration.ofSeconds(60))).as(joiner.tail(20)).isZero();
            assertThat(StaticGroupRig.stackTraceLines(third)).isEmpty();
            var report = rig.verifyLake();
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).isEqualTo(sent);
            assertThat(toLagZero).isLessThan(Duration.ofSeconds(60));
        }
    }

    /**
     * A TCP proxy to the broker that reads each connection's first Kafka request, and holds the connections of the
     * owner check's Admin client ("clickstream-owners-*") for {@code delayMs} before relaying them.
     */
    static final class OwnerCheckDelayProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int upstreamPort;
        private final long delayMs;
        private final AtomicInteger held = new AtomicInteger();

        OwnerCheckDelayProxy(int upstreamPort, long delayMs) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.upstreamPort = upstreamPort;
            this.delayMs = delayMs;
            Thread acceptor = new Thread(this::accept, "owner-check-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int held() {
            return held.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread t = new Thread(() -> relay(client), "owner-check-proxy-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void relay(Socket client) {
            try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                int size = in.readInt();
                byte[] request = new byte[size];
                in.readFully(request);
                ByteBuffer header = ByteBuffer.wrap(request);
                header.position(8); // api key, api version, correlation id
                short idLength = header.getShort();
                String clientId = idLength < 0 ? "" : new String(request, 10, idLength, StandardCharsets.UTF_8);
                if (clientId.startsWith("clickstream-owners-")) {
                    held.incrementAndGet();
                    Thread.sleep(delayMs);
                }
                OutputStream up = upstream.getOutputStream();
                up.write(ByteBuffer.allocate(4).putInt(size).array());
                up.write(request);
                up.flush();
                Thread back = new Thread(() -> pump(quiet(upstream), quietOut(client)), "owner-check-proxy-back");
                back.setDaemon(true);
                back.start();
                pump(in, up);
            } catch (IOException | InterruptedException e) {
                // the connection ends
            }
        }

        private static InputStream quiet(Socket s) {
            try {
                return s.getInputStream();
            } catch (IOException e) {
                return InputStream.nullInputStream();
            }
        }

        private static OutputStream quietOut(Socket s) {
            try {
                return s.getOutputStream();
            } catch (IOException e) {
                return OutputStream.nullOutputStream();
            }
        }

        private static void pump(InputStream from, OutputStream to) {
            byte[] buffer = new byte[16384];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
