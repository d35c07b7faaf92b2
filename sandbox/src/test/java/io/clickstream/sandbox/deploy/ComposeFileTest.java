package io.clickstream.sandbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clickstream.common.config.Units;
import io.clickstream.consumer.ConsumerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked without Docker: the services and their start order, the Kafka
 * listeners against the env file's KAFKA_BROKER, and that the apps get their settings.
 */
class ComposeFileTest {
    private static final ComposeFile COMPOSE = ComposeFile.load();
    private static final EnvFile ENV = RepoFiles.envExample();
    private static final List<String> APPS = List.of("producer", "consumer");

    @Test
    void runsKafkaLocalStackProducerAndConsumer() {
        assertThat(COMPOSE.serviceNames()).contains("kafka", "kafka-init", "localstack", "producer", "consumer");
        assertThat(COMPOSE.image("kafka")).startsWith("apache/kafka:");
        assertThat(COMPOSE.image("localstack")).startsWith("localstack/localstack:");
    }

    @Test
    void thirdPartyImagesArePinned() {
        for (String service : List.of("kafka", "kafka-init", "localstack")) {
            String image = COMPOSE.image(service);
            assertThat(image).as(service).matches("[a-z0-9./-]+:\\d+\\.\\d+\\.\\d+");
        }
        // LocalStack's calendar-versioned images (2026.03 and later) need an auth token; 4.x does not.
        assertThat(COMPOSE.image("localstack")).startsWith("localstack/localstack:4.");
        assertThat(COMPOSE.image("kafka-init")).as("topics are created with the broker's own tools")
                .isEqualTo(COMPOSE.image("kafka"));
    }

    @Test
    void kafkaIsOneKraftNodeWithoutZooKeeper() {
        Map<String, String> env = COMPOSE.environment("kafka");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env).containsKey("CLUSTER_ID").doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(COMPOSE.serviceNames()).noneMatch(s -> s.contains("zookeeper"));
        assertThat(COMPOSE.service("kafka")).as("the image turns every KAFKA_* variable into a broker property")
                .doesNotContainKey("env_file");
    }

    @Test
    void containersReachKafkaAtTheEnvFilesBrokerAndTheHostAtLocalhost9092() {
        Map<String, String> env = COMPOSE.environment("kafka");
        Map<String, String> listeners = endpointsByListener(env.get("KAFKA_LISTENERS"));
        Map<String, String> advertised = endpointsByListener(env.get("KAFKA_ADVERTISED_LISTENERS"));

        String broker = ENV.values().get("KAFKA_BROKER");
        assertThat(advertised).as("a listener advertised as the apps' KAFKA_BROKER").containsValue(broker);
        assertThat(advertised).containsValue("localhost:9092");

        String external = advertised.entrySet().stream().filter(e -> e.getValue().equals("localhost:9092"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String externalPort = port(listeners.get(external));
        assertThat(COMPOSE.list("kafka", "ports")).as("host port 9092 published to the %s listener", external)
                .anySatisfy(p -> assertThat(p).matches("(127\\.0\\.0\\.1:)?9092:" + externalPort));
        assertThat(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).contains(listeners.keySet().stream()
                .map(name -> name + ":").toList());
        String internal = env.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        assertThat(advertised.get(internal)).isEqualTo(broker);
    }

    @Test
    void kafkaKeepsItsDataInANamedVolume() {
        String logDirs = COMPOSE.environment("kafka").get("KAFKA_LOG_DIRS");
        assertThat(COMPOSE.list("kafka", "volumes")).anySatisfy(v -> {
            String[] parts = v.split(":");
            assertThat(COMPOSE.namedVolumes()).contains(parts[0]);
            assertThat(parts[1]).isEqualTo(logDirs);
        });
    }

    @Test
    void servicesThatOthersWaitForHaveHealthchecks() {
        assertThat(COMPOSE.healthcheck("kafka")).containsKey("test");
        assertThat(COMPOSE.healthcheck("localstack")).containsKey("test");
        for (String service : COMPOSE.serviceNames()) {
            COMPOSE.dependsOn(service).forEach((dependency, condition) -> {
                if (condition.equals("service_healthy")) {
                    assertThat(COMPOSE.healthcheck(dependency)).as(service + " waits for " + dependency + " to be healthy")
                            .containsKey("test");
                }
            });
        }
    }

    @Test
    void appsStartOnlyOnceKafkaIsHealthyAndTheTopicsExist() {
        for (String app : APPS) {
            assertThat(COMPOSE.dependsOn(app)).as(app)
                    .containsEntry("kafka", "service_healthy")
                    .containsEntry("kafka-init", "service_completed_successfully");
        }
        assertThat(COMPOSE.dependsOn("kafka-init")).containsEntry("kafka", "service_healthy");
        assertThat(COMPOSE.dependsOn("consumer")).as("the consumer refuses to start without its bucket")
                .containsEntry("localstack", "service_healthy");
    }

    @Test
    void topicInitCreatesTheTopicsFromTheAppsSettings() throws IOException {
        assertThat(COMPOSE.list("kafka-init", "env_file")).isEqualTo(COMPOSE.list("producer", "env_file"));
        String script = mountedScript("kafka-init", "/usr/local/bin/");
        assertThat(script).contains("--if-not-exists", "KAFKA_TOPIC", "KAFKA_PARTITIONS", "DLQ_TOPIC");
        assertThat(ENV.values()).containsEntry("KAFKA_PARTITIONS", "6");
    }

    @Test
    void localStackRunsOnlyS3AndCreatesTheBucketTheConsumerUses() throws IOException {
        Map<String, String> env = COMPOSE.environment("localstack");
        assertThat(env).containsEntry("SERVICES", "s3");
        assertThat(ComposeFile.variableOf(env.get("S3_BUCKET"))).isEqualTo("S3_BUCKET");
        assertThat(ComposeFile.withDefaults(env.get("S3_BUCKET"))).as("the bucket without a .env")
                .isEqualTo(ENV.values().get("S3_BUCKET"));
        assertThat(ComposeFile.withDefaults(env.get("AWS_DEFAULT_REGION"))).isEqualTo(ENV.values().get("AWS_DEFAULT_REGION"));

        String script = mountedScript("localstack", "/etc/localstack/init/ready.d/");
        assertThat(script).contains("S3_BUCKET", "awslocal");
        assertThat(String.valueOf(COMPOSE.healthcheck("localstack").get("test"))).contains("head-bucket", "$$S3_BUCKET");
        assertThat(COMPOSE.list("localstack", "ports")).anySatisfy(p -> assertThat(p).endsWith("4566:4566"));
    }

    @Test
    void appsReadTheEnvExampleUnlessAnEnvFileIsThere() {
        for (String app : APPS) {
            List<String> envFiles = COMPOSE.list(app, "env_file");
            assertThat(envFiles).as(app).hasSize(1);
            // docker-compose 1.29 fails on a missing env_file and has no `required: false`: the path is
            // a variable that .env (read by compose for interpolation) points at itself.
            assertThat(ComposeFile.variableOf(envFiles.get(0))).isEqualTo(EnvExampleTest.ENV_FILE_SWITCH);
            assertThat(ComposeFile.withDefaults(envFiles.get(0))).isEqualTo(".env.example");
        }
        assertThat(ENV.values()).containsEntry(EnvExampleTest.ENV_FILE_SWITCH, ".env");
    }

    @Test
    void appsAreBuiltFromTheirDockerfiles() {
        for (String app : APPS) {
            Map<String, Object> build = COMPOSE.build(app);
            assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "Dockerfile." + app);
            assertThat(RepoFiles.path("Dockerfile." + app)).isRegularFile();
        }
    }

    @Test
    void consumerRestartsOnFailureAndGetsTimeToCommitOnStop() {
        assertThat(COMPOSE.service("consumer")).containsEntry("restart", "on-failure");
        Duration grace = Units.parseDuration(String.valueOf(COMPOSE.service("consumer").get("stop_grace_period"))).orElseThrow();
        String shutdown = ENV.values().getOrDefault("SHUTDOWN_TIMEOUT", ConsumerConfig.SHUTDOWN_TIMEOUT.defaultValue());
        assertThat(grace).as("docker kills after stop_grace_period")
                .isGreaterThan(Units.parseDuration(shutdown).orElseThrow());
    }

    @Test
    void consumerPublishesItsMetricsPortAsARangeSoItCanBeScaled() {
        assertThat(COMPOSE.service("consumer")).doesNotContainKey("container_name");
        List<String> ports = COMPOSE.list("consumer", "ports");
        assertThat(ports).hasSize(1);
        String port = ComposeFile.withDefaults(ports.get(0));
        assertThat(port).matches("(127\\.0\\.0\\.1:)?\\d+-\\d+:\\d+");
        assertThat(port.substring(port.lastIndexOf(':') + 1)).isEqualTo(ENV.values().get("METRICS_PORT"));
        assertThat(ENV.values().getOrDefault("METRICS_HOST", ConsumerConfig.METRICS_HOST.defaultValue()))
                .as("a published port reaches the container's interface, not its loopback").isIn("0.0.0.0", "::");
    }

    /**
     * Debian's docker-compose 1.29 validates the file against the compose schema and resolves the
     * env files, without a Docker engine. Skipped where it is not installed (CI does not need it).
     */
    @Test
    void dockerComposeAcceptsTheFile() throws IOException, InterruptedException {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed");
        Process process = new ProcessBuilder("docker-compose", "--project-directory", RepoFiles.ROOT.toString(),
                "-f", RepoFiles.path("docker-compose.yml").toString(), "config", "--quiet")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** The repository file a service mounts under {@code targetFolder}, which must exist and be readable. */
    private static String mountedScript(String service, String targetFolder) throws IOException {
        String mount = COMPOSE.list(service, "volumes").stream()
                .filter(v -> v.split(":")[1].startsWith(targetFolder)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing under " + targetFolder));
        Path source = RepoFiles.path(mount.split(":")[0]);
        assertThat(source).as(mount).isRegularFile();
        assertThat(Files.isExecutable(source)).as(source + " is executable").isTrue();
        return Files.readString(source);
    }

    /** {@code NAME://host:port,...} as listener name to {@code host:port} (host empty = every interface). */
    private static Map<String, String> endpointsByListener(String listeners) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String l : listeners.split(",")) {
            String[] parts = l.strip().split("://", 2);
            result.put(parts[0], parts[1]);
        }
        return result;
    }

    private static String port(String hostPort) {
        return hostPort.substring(hostPort.lastIndexOf(':') + 1);
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
