package io.clickstream.sandbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.pipeline.EndToEndScenario;
import io.clickstream.sandbox.pipeline.Endpoints;
import io.clickstream.sandbox.pipeline.RunOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The end-to-end scenario of {@code EndToEndIT}, on the Kafka and LocalStack images that
 * docker-compose.yml runs (read from that file, so there is one pin). Where no Docker engine
 * answers, JUnit reports this class as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class EndToEndContainerIT {
    private static final ComposeFile COMPOSE = ComposeFile.load();

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse(COMPOSE.image("kafka")));

    @Container
    static final LocalStackContainer S3 = new LocalStackContainer(DockerImageName.parse(COMPOSE.image("localstack")))
            .withServices("s3");

    @Test
    void everyProducedEventEndsUpOnceInTheLakeOrTheDeadLetterTopic() throws Exception {
        // The compose stack's names: topic clickstream (6 partitions), bucket clickstream-bucket.
        RunOptions options = RunOptions.defaults(20_000, 7L).withInvalidRatio(0.02);
        var endpoints = new Endpoints(KAFKA.getBootstrapServers(), S3.getEndpoint(), S3.getAccessKey(),
                S3.getSecretKey(), S3.getRegion());
        createTopics(endpoints.kafkaBootstrap(), options);
        try (var s3 = endpoints.newS3Client()) {
            s3.createBucket(b -> b.bucket(options.bucket()));
        }

        VerifierReport report = EndToEndScenario.runAndVerify(endpoints, options);

        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(report.files()).isPositive();
    }

    private static void createTopics(String bootstrap, RunOptions options) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(options.topic(), 6, (short) 1),
                    new NewTopic(options.dlqTopic(), 1, (short) 1))).all().get();
        }
    }
}
