package io.clickstream.sandbox.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.ProducerConfig;
import io.clickstream.producer.ProducerMain;
import io.clickstream.sandbox.testing.JarProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The producer's JAR against a port nobody listens on. */
class ProducerUnreachableIT {
    private static final Pattern GAVE_UP = Pattern.compile("is not usable after (\\d+) attempts? in ");

    @RegisterExtension
    final JarProcesses processes = JarProcesses.producer();

    @Test
    void unreachableBrokerExitsWithOneNamingTheBrokerAndNoStackTrace() throws Exception {
        String broker = "127.0.0.1:" + closedPort();
        var producer = processes.start("unreachable", ProducerEnv.of(broker, "nowhere")
                .with(ProducerConfig.EVENTS, 100)
                // 8 s rather than 5: each attempt may take up to 5 s, so 5 s would allow no retry at all
                .with(ProducerConfig.STARTUP_TIMEOUT, "8s")
                .asMap());

        int exitCode = producer.awaitExit(Duration.ofSeconds(60));

        List<String> lines = producer.lines();
        assertThat(exitCode).isEqualTo(ProducerMain.FAILED);
        String gaveUp = lines.stream().filter(line -> GAVE_UP.matcher(line).find()).findFirst()
                .orElseThrow(() -> new AssertionError("no line says the broker is not usable"));
        assertThat(gaveUp).contains("Kafka at " + broker + " is not usable after").contains("startup timeout 8s");
        Matcher attempts = GAVE_UP.matcher(gaveUp);
        assertThat(attempts.find()).isTrue();
        // one warning per failed attempt that is retried, each naming the broker
        List<String> retries = lines.stream().filter(line -> line.contains("not ready (attempt")).toList();
        assertThat(Integer.parseInt(attempts.group(1))).as("attempts").isGreaterThan(1);
        assertThat(retries).hasSize(Integer.parseInt(attempts.group(1)) - 1)
                .allSatisfy(line -> assertThat(line).contains("Kafka at " + broker));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("result: FAILED"));
        assertThat(lines).as("no stack trace for an expected condition")
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:") || line.contains("Exception in thread"));
    }

    /** A loopback port that was just free: connecting to it is refused. */
    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
