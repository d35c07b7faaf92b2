package io.clickstream.sandbox.secure;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.kafka.KafkaClientProperties;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.embedded.SecureListener;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Both jars against the embedded broker's SASL_SSL listener (SCRAM-SHA-512, a CA made at start-up), configured
 * the two ways users have: the producer through KAFKA_CLIENT_* variables, the consumer through a
 * KAFKA_CLIENT_CONFIG file. A wrong password and a certificate the client does not trust each end a jar with one
 * line saying so and a non-zero exit code, and no password ever reaches the output.
 */
class SecureKafkaIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = EmbeddedStackExtension.secureKafka();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @RegisterExtension
    final JarProcesses producers = JarProcesses.producer();

    @TempDir
    Path dir;

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private static SecureListener listener() {
        return STACK.kafka().secureListener().orElseThrow();
    }

    @Test
    void bothJarsCarryEventsEndToEndOverSaslSslWithScram() throws Exception {
        var names = Names.of("secure-e2e");
        STACK.s3().createBucket(names.bucket());
        Map<String, String> client = listener().clientProperties();

        Map<String, String> producerEnv = producerEnv(names, variables(client));
        producerEnv.put("PRODUCER_EVENTS", "3000");
        producerEnv.put("PRODUCER_INVALID_RATIO", "0.05");
        JarProcess producer = producers.start("secure-producer", producerEnv);
        assertThat(producer.awaitExit(RUN_TIMEOUT)).as("producer exit; tail:%n%s", producer.tail(30)).isZero();

        Map<String, String> consumerEnv = consumerEnv(names);
        consumerEnv.put("KAFKA_CLIENT_CONFIG", propertiesFile(client).toString());
        JarProcess consumer = consumers.start("secure-consumer", consumerEnv);
        assertThat(consumer.awaitExit(RUN_TIMEOUT)).as("consumer exit; tail:%n%s", consumer.tail(30)).isZero();

        assertThat(producer.output()).contains("result: every event sent was acknowledged",
                "security.protocol=SASL_SSL (KAFKA_CLIENT_SECURITY_PROTOCOL)", "sasl.jaas.config=[hidden]");
        assertThat(consumer.output()).contains("security.protocol=SASL_SSL (KAFKA_CLIENT_CONFIG)", "everything committed");
        VerifierReport report = verify(names);
        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(report.rows() + report.deadLetters()).isEqualTo(3000);
        assertThat(report.deadLetters()).as("the dead-letter producer wrote over SASL_SSL too").isPositive();
        assertNoSecret(producer, consumer);
    }

    @Test
    void aWrongPasswordEndsEachJarWithOneLineAndANonZeroExit() throws Exception {
        var names = Names.of("secure-wrong-password");
        STACK.s3().createBucket(names.bucket());
        Map<String, String> client = SecureListener.clientProperties(listener().username(), "not-" + listener().password(),
                listener().caPem());

        var refused = runBoth(names, client, "wrong-password");

        String reason = "the broker refused the SASL credentials: Authentication failed during authentication due to "
                + "invalid credentials with SASL mechanism SCRAM-SHA-512";
        refused.assertOneLineEach(reason);
        assertNoSecret(refused.producer(), refused.consumer());
        assertThat(refused.producer().output() + refused.consumer().output()).doesNotContain("not-" + listener().password());
    }

    @Test
    void anUntrustedBrokerCertificateEndsEachJarWithOneLineAndANonZeroExit() throws Exception {
        var names = Names.of("secure-untrusted");
        STACK.s3().createBucket(names.bucket());
        // No trust store: the JDK's default CAs, which never signed the sandbox broker's certificate.
        Map<String, String> client = SecureListener.clientProperties(listener().username(), listener().password(), null);

        var refused = runBoth(names, client, "untrusted");

        refused.assertOneLineEach("the broker's TLS certificate is not trusted (unable to find valid certification path");
        assertNoSecret(refused.producer(), refused.consumer());
    }

    /** MSK IAM needs no -cp (which java -jar ignores): the login module and callback handler are in both jars. */
    @Test
    void bothJarsLoadTheMskIamLoginModuleAndAskTheBrokerForItsMechanism() throws Exception {
        var names = Names.of("secure-msk-iam");
        STACK.s3().createBucket(names.bucket());
        Map<String, String> client = new HashMap<>();
        client.put("security.protocol", "SASL_SSL");
        client.put("ssl.truststore.type", "PEM");
        client.put("ssl.truststore.location", listener().caPem().toString());
        client.put("sasl.mechanism", "AWS_MSK_IAM");
        client.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
        client.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");

        var refused = runBoth(names, client, "msk-iam");

        // The broker offers SCRAM only: the client got as far as asking for AWS_MSK_IAM, so its classes loaded.
        refused.assertOneLineEach("'AWS_MSK_IAM' not enabled in the server");
        assertThat(refused.producer().output() + refused.consumer().output()).doesNotContain("ClassNotFound", "cannot be found");
    }

    /** The producer and the consumer started side by side with the same client properties, both refused. */
    private record Refused(JarProcess producer, int producerExit, JarProcess consumer, int consumerExit) {

        void assertOneLineEach(String reason) {
            assertThat(producerExit).as("producer exit; tail:%n%s", producer.tail(30)).isEqualTo(1);
            assertThat(consumerExit).as("consumer exit; tail:%n%s", consumer.tail(30)).isEqualTo(2);
            assertThat(ours(producer, "problem: Kafka at " + listener().bootstrapServers() + " refused the start-up check: "))
                    .as("the producer's line").singleElement().asString().contains(reason);
            assertThat(ours(consumer, "cannot start: Kafka at " + listener().bootstrapServers() + ": "))
                    .as("the consumer's line").singleElement().asString().contains(reason);
            for (JarProcess p : List.of(producer, consumer)) {
                assertThat(p.lines()).as("no stack trace from the %s:%n%s", p.program(), p.output())
                        .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:") || l.contains("Exception in thread"));
                assertThat(p.lines()).as("the %s's own line is the only one about it:%n%s", p.program(), p.output())
                        .filteredOn(l -> l.contains("authentication") || l.contains("handshake") || l.contains("not trusted"))
                        .hasSize(1);
            }
        }

        private static List<String> ours(JarProcess process, String prefix) {
            return process.lines().stream().filter(l -> l.contains(prefix)).toList();
        }
    }

    private Refused runBoth(Names names, Map<String, String> client, String slug) throws Exception {
        Map<String, String> producerEnv = producerEnv(names, variables(client));
        producerEnv.put("PRODUCER_EVENTS", "10");
        producerEnv.put("PRODUCER_STARTUP_TIMEOUT", "30s");
        Map<String, String> consumerEnv = consumerEnv(names);
        consumerEnv.putAll(variables(client));
        JarProcess producer = producers.start("producer-" + slug, producerEnv);
        JarProcess consumer = consumers.start("consumer-" + slug, consumerEnv);
        int producerExit = producer.awaitExit(RUN_TIMEOUT);
        int consumerExit = consumer.awaitExit(RUN_TIMEOUT);
        return new Refused(producer, producerExit, consumer, consumerExit);
    }

    private static Map<String, String> producerEnv(Names names, Map<String, String> clientVariables) {
        Map<String, String> env = new HashMap<>(clientVariables);
        env.put("KAFKA_BROKER", listener().bootstrapServers());
        env.put("KAFKA_TOPIC", names.topic());
        env.put("KAFKA_CREATE_TOPIC", "true");
        env.put("KAFKA_PARTITIONS", "3");
        env.put("PRODUCER_SEED", "14");
        env.put("PRODUCER_PROGRESS_INTERVAL", "5s");
        return env;
    }

    private static Map<String, String> consumerEnv(Names names) {
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("KAFKA_BROKER", listener().bootstrapServers());
        env.put("EXIT_WHEN_IDLE", "6s");
        env.put("PROGRESS_INTERVAL", "5s");
        env.put("SHUTDOWN_TIMEOUT", "30s");
        return env;
    }

    /** {@code security.protocol} as {@code KAFKA_CLIENT_SECURITY_PROTOCOL}, and so on. */
    private static Map<String, String> variables(Map<String, String> client) {
        Map<String, String> env = new HashMap<>();
        client.forEach((property, value) -> env.put(KafkaClientProperties.variableName(property), value));
        return env;
    }

    private Path propertiesFile(Map<String, String> client) throws IOException {
        var text = new StringBuilder();
        client.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        return Files.writeString(dir.resolve("client.properties"), text);
    }

    private static VerifierReport verify(Names names) {
        try (S3Client s3 = STACK.s3().newClient()) {
            return LakeVerifier.verify(new LakeVerifier.Target(STACK.kafka().bootstrapServers(), names.topic(),
                    names.dlqTopic(), s3, names.bucket(), names.prefix(), LakeVerifier.HourSource.INGESTED_AT));
        }
    }

    private static void assertNoSecret(JarProcess... processes) {
        for (JarProcess p : processes) {
            assertThat(p.output()).as("the %s's output", p.program()).doesNotContain(listener().password());
        }
    }
}
