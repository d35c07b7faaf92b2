package io.clickstream.sandbox.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>It is formatted with {@code kafka-storage format --standalone} and run with
 * {@link KafkaRaftServer}, the same classes as {@code kafka-server-start}, minus
 * {@code kafka.Kafka}, whose {@code main} calls {@code System.exit}. Kafka's own
 * {@code KafkaClusterTestKit} is avoided on purpose: it is an internal test API that changes
 * between minor versions.
 *
 * <p>{@link #stop()} and {@link #start()} take the broker down and up again on the same ports
 * and data directory, so tests can simulate an outage without losing data.
 *
 * <p>{@link #startSecure} adds a second client listener, SASL_SSL with SCRAM-SHA-512, as secured clusters
 * (MSK, Confluent Cloud, Aiven, Strimzi) have: a CA and broker certificate are made at start-up
 * ({@link BrokerTls}) and one SCRAM user is created through the Admin API on the plaintext listener, which
 * stays for the sandbox's own tooling.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Remembers the controller port of a data directory for the next broker that uses it. */
    private static final String CONTROLLER_PORT_FILE = "controller.port";
    private static final String SCRAM_USER = "clickstream";

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Properties brokerProperties;
    private final SecureListener secure; // null without a SASL_SSL listener

    private KafkaRaftServer server; // guarded by this; null while stopped
    private boolean closed; // guarded by this

    private EmbeddedKafka(int port, int controllerPort, Path dataDir, boolean ownsDataDir, int securePort) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.brokerProperties = brokerProperties(port, controllerPort, logDir());
        if (securePort > 0) {
            BrokerTls tls = BrokerTls.generate(dataDir.resolve("tls"), "clickstream sandbox CA " + port);
            this.secure = new SecureListener(HOST + ":" + securePort, SCRAM_USER,
                    randomPassword(), tls.caPem());
            addSecureListener(brokerProperties, port, controllerPort, securePort, tls);
        } else {
            this.secure = null;
        }
    }

    /**
     * Formats (if needed) and starts a broker, and returns once it answers {@code describeCluster}.
     *
     * @param port the client port on 127.0.0.1; 0 picks a free one, kept for the object's life
     * @param dataDir where the log and metadata live; {@code null} for a temporary directory that
     *     {@link #close()} deletes. An existing, formatted directory is reused with its data.
     */
    public static EmbeddedKafka start(int port, Path dataDir) {
        return start(port, dataDir, -1);
    }

    /**
     * Like {@link #start(int, Path)}, with a SASL_SSL listener (SCRAM-SHA-512) on {@code securePort} besides the
     * plaintext one; {@link #secureListener()} tells how to connect.
     *
     * @param securePort 0 picks a free one
     */
    public static EmbeddedKafka startSecure(int port, int securePort, Path dataDir) {
        return start(port, dataDir, LocalPorts.resolve(securePort));
    }

    private static EmbeddedKafka start(int port, Path dataDir, int securePort) {
        boolean ownsDataDir = dataDir == null;
        Path dir;
        try {
            dir = ownsDataDir ? Files.createTempDirectory("embedded-kafka-") : dataDir.toAbsolutePath();
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory " + dataDir, e);
        }
        EmbeddedKafka kafka;
        try {
            kafka = new EmbeddedKafka(LocalPorts.resolve(port), controllerPortFor(dir), dir, ownsDataDir, securePort);
        } catch (RuntimeException | Error e) {
            if (ownsDataDir) {
                Directories.deleteQuietly(dir);
            }
            throw e;
        }
        try {
            kafka.format();
            kafka.start();
            return kafka;
        } catch (RuntimeException | Error e) { // Error too: a missing class must not leak the data directory
            kafka.close();
            throw e;
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The SASL_SSL listener, if the broker was started with {@link #startSecure}. */
    public Optional<SecureListener> secureListener() {
        return Optional.ofNullable(secure);
    }

    /** The client port; the same before and after a {@link #stop()}/{@link #start()}. */
    public int port() {
        return port;
    }

    /** Where the log and the metadata live. */
    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Starts the broker again after {@link #stop()} (a no-op if it runs), on the same ports and
     * data, and waits until it answers.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedKafka is closed");
        }
        if (server != null) {
            return;
        }
        long startNanos = System.nanoTime();
        // A KafkaRaftServer cannot be started twice: every start gets a fresh one.
        KafkaRaftServer fresh = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties, false), Time.SYSTEM);
        try {
            fresh.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(fresh);
            throw new IllegalStateException("Kafka broker did not start on " + bootstrapServers(), e);
        }
        server = fresh;
        awaitReady();
        if (secure != null) {
            createScramUser();
        }
        LOG.info("Kafka broker up on {} (controller 127.0.0.1:{}, data {}) in {} ms",
                bootstrapServers(), controllerPort, dataDir, elapsedMillis(startNanos));
    }

    /** Shuts the broker down (clients then see it as unreachable); the data stays. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long startNanos = System.nanoTime();
        KafkaRaftServer running = server;
        server = null;
        shutdownQuietly(running);
        LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers(), elapsedMillis(startNanos));
    }

    /** {@link #stop()} then {@link #start()}. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader.
     * A topic that already exists is fine (its partition count is left as it is).
     */
    public void createTopic(String name, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        try (Admin admin = newAdmin()) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                        .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.debug("Created topic {} with {} partitions", name, partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name, e.getCause());
                }
                LOG.debug("Topic {} exists already", name);
            }
            awaitLeaders(admin, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name + " on " + bootstrapServers(), e);
        }
    }

    /** Stops the broker and deletes the data directory if this object created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (ownsDataDir) {
            Directories.deleteQuietly(dataDir);
        }
    }

    private Path logDir() {
        return dataDir.resolve("logs");
    }

    /** A fresh admin client; short-lived so that no client keeps reconnecting while stopped. */
    private Admin newAdmin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
        return Admin.create(props);
    }

    private void awaitReady() {
        try (Admin admin = newAdmin()) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka on " + bootstrapServers() + " did not answer describeCluster", e);
        }
    }

    /**
     * The SCRAM user of the SASL_SSL listener (again after a restart: an upsert), then a wait until the
     * listener accepts it, since the broker learns the credential from the metadata log a moment later.
     */
    private void createScramUser() {
        try (Admin admin = newAdmin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(secure.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), secure.password())))
                    .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the SCRAM user", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the SCRAM user on " + bootstrapServers(), e);
        }
        Properties props = new Properties();
        props.putAll(secure.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, secure.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-secure-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the SASL_SSL listener " + secure.bootstrapServers()
                            + " does not accept its SCRAM user", e);
                }
                LOG.debug("SASL_SSL listener not ready yet: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the SASL_SSL listener", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the SASL_SSL listener", e);
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new java.security.SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void addSecureListener(Properties props, int port, int controllerPort, int securePort, BrokerTls tls) {
        props.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",SASL_SSL://" + HOST + ":" + securePort
                + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port + ",SASL_SSL://" + HOST + ":" + securePort);
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        props.setProperty("sasl.enabled.mechanisms", SecureListener.MECHANISM);
        props.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.setProperty("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        props.setProperty("listener.name.sasl_ssl.ssl.keystore.location", tls.keyStore().toString());
        props.setProperty("listener.name.sasl_ssl.ssl.keystore.password", tls.keyStorePassword());
        props.setProperty("listener.name.sasl_ssl.ssl.key.password", tls.keyStorePassword());
    }

    private static void awaitLeaders(Admin admin, String topic)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(List.of(topic))
                        .allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                TopicDescription description = descriptions.get(topic);
                if (description != null
                        && description.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                // Metadata is propagated asynchronously: right after creation the broker may not
                // know the topic yet (UnknownTopicOrPartition). Retry until the deadline.
                LOG.debug("Topic {} not visible yet: {}", topic, e.getCause().toString());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topic + " have no leader after " + ADMIN_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /**
     * {@code kafka-storage format --standalone --ignore-formatted}, skipped for a directory that
     * is formatted already: {@code --ignore-formatted} still rejects a different cluster id, and
     * a reused directory must keep the id it has.
     */
    private void format() {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            LOG.debug("{} is formatted already; reusing it", logDir());
            return;
        }
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            brokerProperties.store(out, "Written by EmbeddedKafka for kafka-storage format");
            Files.writeString(dataDir.resolve(CONTROLLER_PORT_FILE), Integer.toString(controllerPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {
            "format",
            "--config", config.toString(),
            "--cluster-id", Uuid.randomUuid().toString(),
            "--standalone",
            "--ignore-formatted",
        };
        int exitCode;
        try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, printer);
        } catch (RuntimeException e) {
            throw new IllegalStateException("kafka-storage format failed for " + dataDir + ": " + output, e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("kafka-storage format exited " + exitCode + ": " + output);
        }
        LOG.debug("kafka-storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    /**
     * The controller port this directory was formatted with, or a free one for a new directory.
     * {@code --standalone} writes the controller's address into the formatted voter set. Kafka
     * 4.3 copes with a voter that comes back elsewhere (it updates its endpoint), but keeping the
     * recorded address true is cheaper than relying on that.
     */
    private static int controllerPortFor(Path dir) {
        Path file = dir.resolve(CONTROLLER_PORT_FILE);
        if (Files.isRegularFile(file)) {
            try {
                return LocalPorts.resolve(Integer.parseInt(Files.readString(file).trim()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Ignoring unreadable {}: {}", file, e.toString());
            }
        }
        return LocalPorts.freePort();
    }

    private static Properties brokerProperties(int port, int controllerPort, Path logDir) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(NODE_ID));
        props.setProperty("listeners",
                "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        props.setProperty("log.dirs", logDir.toString());

        // One node: every internal topic must accept replication factor 1.
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Internal topics default to 50 partitions; creating them costs seconds on two cores.
        props.setProperty("offsets.topic.num.partitions", "4");
        props.setProperty("transaction.state.log.num.partitions", "4");
        props.setProperty("share.coordinator.state.topic.num.partitions", "4");

        // Tests start consumers one after another; the default 3 s delay would stall each join.
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // The consumer group protocol (KIP-848) keeps the session timeout on the broker: let a group set one as
        // short as the classic protocol allows (6 s), as consumers with KAFKA_GROUP_PROTOCOL=consumer do.
        props.setProperty("group.consumer.min.session.timeout.ms", "6000");
        props.setProperty("group.consumer.min.heartbeat.interval.ms", "1000");
        // Fewer threads than the defaults: this shares two cores with producer, consumer and S3.
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "4");
        props.setProperty("background.threads", "4");
        props.setProperty("log.cleaner.threads", "1");
        // As on a default broker: in the sandbox a client of a topic nobody created still works.
        props.setProperty("auto.create.topics.enable", "true");
        return props;
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker shutdown failed: {}", e.toString());
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
