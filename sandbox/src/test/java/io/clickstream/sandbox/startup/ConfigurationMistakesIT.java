package io.clickstream.sandbox.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both jars, started as an operator would start them, with one configuration mistake each: the process
 * ends with exit code 2 and says what is wrong in one line naming the variable, with no stack trace.
 * Everything else points at closed local ports, so a mistake that gets through shows as a process that
 * does not exit (or exits otherwise), never as a connection to something real.
 */
class ConfigurationMistakesIT {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @RegisterExtension
    final JarProcesses producers = JarProcesses.producer();

    /** A valid consumer configuration that can reach nothing. */
    private static Map<String, String> consumerEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", "127.0.0.1:9");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("METRICS_PORT", "0");
        env.put("SPOOL_DIR", ConsumerEnv.newSpoolDir().toString());
        return env;
    }

    /** A valid producer configuration that can reach nothing and gives up on the broker soon. */
    private static Map<String, String> producerEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", "127.0.0.1:9");
        env.put("PRODUCER_EVENTS", "10");
        env.put("PRODUCER_STARTUP_TIMEOUT", "3s");
        return env;
    }

    static Stream<Arguments> consumerMistakes() {
        return Stream.of(
                Arguments.of("S3_BUCKET", ""),
                Arguments.of("KAFKA_TOPIC", ""),
                Arguments.of("KAFKA_BROKER", ""),
                Arguments.of("KAFKA_GROUP_ID", " "),
                Arguments.of("AWS_DEFAULT_REGION", ""),
                Arguments.of("BATCH_MAX_RECORDS", ""),
                Arguments.of("EXIT_WHEN_IDLE", ""),
                Arguments.of("S3_PREFIX", ""),
                Arguments.of("S3_PREFIX", "../lake"),
                Arguments.of("S3_PREFIX", "lake/../../other"),
                Arguments.of("S3_PREFIX", "lake/./raw"),
                Arguments.of("S3_PREFIX", "/lake"),
                Arguments.of("S3_PREFIX", "lake//raw"),
                Arguments.of("S3_PREFIX", "lake raw"),
                Arguments.of("S3_PREFIX", "lake#raw"),
                Arguments.of("S3_PREFIX", "lake\\raw"),
                Arguments.of("AWS_ENDPOINT_URL", "http://localhost:99999"),
                Arguments.of("AWS_ENDPOINT_URL", "http://localhost:0"),
                Arguments.of("AWS_ENDPOINT_URL", "http://admin:hunter2@localhost:4566"),
                Arguments.of("AWS_ENDPOINT_URL", "http://localhost:4566?region=x"),
                Arguments.of("AWS_ENDPOINT_URL", "http://[::1:4566"));
    }

    @ParameterizedTest(name = "consumer {0}=''{1}''")
    @MethodSource("consumerMistakes")
    void consumerRefusesTheMistakeInOneLineNamingTheVariableWithExitCodeTwo(String variable, String value)
            throws Exception {
        Map<String, String> env = consumerEnv();
        env.put(variable, value);

        JarProcess consumer = consumers.start("mistake-" + variable, env);

        assertExitsTwoWithOneLine(consumer, "configuration error: " + variable);
    }

    static Stream<Arguments> producerMistakes() {
        return Stream.of(
                Arguments.of("KAFKA_TOPIC", ""),
                Arguments.of("KAFKA_BROKER", ""),
                Arguments.of("PRODUCER_RATE", " "),
                Arguments.of("PRODUCER_SEED", ""),
                Arguments.of("PRODUCER_DURATION", ""));
    }

    @ParameterizedTest(name = "producer {0}=''{1}''")
    @MethodSource("producerMistakes")
    void producerRefusesTheMistakeInOneLineNamingTheVariableWithExitCodeTwo(String variable, String value)
            throws Exception {
        Map<String, String> env = producerEnv();
        env.put(variable, value);

        JarProcess producer = producers.start("mistake-" + variable, env);

        assertExitsTwoWithOneLine(producer, "config error: " + variable);
    }

    @Test
    void consumerWhoseMetricsPortIsTakenExitsTwoInOneLineNamingTheVariable() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            Map<String, String> env = consumerEnv();
            env.put("METRICS_PORT", Integer.toString(taken.getLocalPort()));

            JarProcess consumer = consumers.start("metrics-port-taken", env);

            assertExitsTwoWithOneErrorLine(consumer, "METRICS_PORT", Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void consumerWhoseMetricsHostIsNotAnAddressOfThisMachineExitsTwoInOneLine() throws Exception {
        Map<String, String> env = consumerEnv();
        env.put("METRICS_PORT", Integer.toString(freePort()));
        env.put("METRICS_HOST", "192.0.2.1"); // TEST-NET-1: never an address of this machine

        JarProcess consumer = consumers.start("metrics-host-foreign", env);

        assertExitsTwoWithOneErrorLine(consumer, "METRICS_HOST", "192.0.2.1");
    }

    /** The one setting whose empty value has a documented meaning: no dead-letter topic. */
    @Test
    void consumerAcceptsAnEmptyDlqTopicAndStarts() throws Exception {
        Map<String, String> env = consumerEnv();
        env.put("DLQ_TOPIC", "");

        JarProcess consumer = consumers.start("empty-dlq-topic", env);

        long deadline = System.nanoTime() + EXIT_WITHIN.toNanos();
        while (consumer.lastLine(l -> l.contains("starting consumer:")).isEmpty()) {
            assertThat(consumer.isAlive()).as("the consumer is still running; output:%n%s", consumer.output()).isTrue();
            assertThat(System.nanoTime()).as("a start line within %s", EXIT_WITHIN).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(consumer.lastLine(l -> l.contains("starting consumer:")).orElseThrow()).contains("dlq=null");
        assertThat(consumer.output()).doesNotContain("configuration error");
        consumer.terminate();
    }

    /** The process ends with exit code 2, and all it printed is one line that starts with {@code prefix}. */
    private static void assertExitsTwoWithOneLine(JarProcess process, String prefix) throws InterruptedException {
        int code = process.awaitExit(EXIT_WITHIN);
        List<String> lines = meaningfulLines(process);

        assertThat(code).as("exit code; output:%n%s", process.output()).isEqualTo(2);
        assertThat(lines).as("one line").hasSize(1);
        assertThat(lines.get(0)).startsWith(prefix);
    }

    /** Exit code 2, no stack trace, and exactly one ERROR line, naming the variable and its value. */
    private static void assertExitsTwoWithOneErrorLine(JarProcess process, String variable, String value)
            throws InterruptedException {
        int code = process.awaitExit(EXIT_WITHIN);
        List<String> lines = meaningfulLines(process);

        assertThat(code).as("exit code; output:%n%s", process.output()).isEqualTo(2);
        assertThat(lines).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")
                || l.contains("Exception"));
        List<String> errors = lines.stream().filter(l -> l.contains(" ERROR ")).toList();
        assertThat(errors).as("one error line").hasSize(1);
        assertThat(errors.get(0)).contains("cannot start: ", variable, value);
    }

    /** The output without the JVM's own notes (a JAVA_TOOL_OPTIONS of the developer's shell). */
    private static List<String> meaningfulLines(JarProcess process) {
        return process.lines().stream().filter(l -> !l.startsWith("Picked up ") && !l.isBlank()).toList();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
