package io.clickstream.consumer;

import static org.apache.kafka.clients.consumer.ConsumerConfig.*;

import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.kafka.CappedBytesDeserializer;
import io.clickstream.consumer.kafka.PollBytes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients the consumer uses, every property with the reason it is set. The user's client properties
 * ({@code KAFKA_CLIENT_CONFIG}, {@code KAFKA_CLIENT_<NAME>}: security, SASL, TLS, tuning) go over these; those
 * the sink's guarantees or its named settings decide were refused when the configuration was read. The broker
 * was checked with the same settings by the start-up wait ({@link KafkaPreflight}).
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * The consumer, with deserializers that cut oversized keys and values before copying them, read a value in
     * place where they can, and end a poll once it holds {@code pollBytes}' worth (see {@link CappedBytesDeserializer}).
     */
    public static KafkaConsumer<ByteBuffer, ByteBuffer> consumer(ConsumerConfig config, PollBytes pollBytes) {
        return construct("consumer", config, p -> new KafkaConsumer<>(p,
                CappedBytesDeserializer.forKeys(DeadLetterSender.MAX_FORWARDED_KEY_BYTES, DeadLetterSender.MAX_FORWARDED_KEY_BYTES,
                        pollBytes),
                CappedBytesDeserializer.inPlace(config.maxRecordBytes(), DeadLetterSender.MAX_FORWARDED_VALUE_BYTES,
                        pollBytes)),
                consumerProperties(config));
    }

    /** An Admin client for reading the group's committed offsets and watermarks (the hour markers). */
    public static org.apache.kafka.clients.admin.Admin admin(ConsumerConfig config, String clientId) {
        var own = new Properties();
        own.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBroker());
        own.put(org.apache.kafka.clients.admin.AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return construct("admin client", config, org.apache.kafka.clients.admin.Admin::create, config.kafkaClient().over(own));
    }

    /**
     * A client that cannot even be built (a key store that does not open, a JAAS line that does not parse) is a
     * configuration error: one line, secrets hidden, exit code 2.
     */
    private static <C> C construct(String what, ConsumerConfig config, Function<Properties, C> create, Properties properties) {
        try {
            return create.apply(properties);
        } catch (KafkaException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ConfigException && String.valueOf(t.getMessage()).startsWith("No resolvable bootstrap")) {
                    throw new BootstrapUnresolved(config.kafkaClient().redact(t.getMessage()));
                }
            }
            var message = new StringBuilder("cannot create the Kafka ").append(what);
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getMessage() != null && !t.getMessage().startsWith("Failed to construct kafka")) {
                    message.append(": ").append(t.getMessage());
                }
            }
            throw new ConsumerApp.StartupException(config.kafkaClient().redact(message.toString().replaceAll("\\s+", " ")));
        }
    }

    /**
     * No host name of {@code KAFKA_BROKER} resolves (yet): not a configuration error but, as a broker that does not
     * answer, something the start-up waits for (a broker container whose name is not in DNS before it runs).
     */
    static final class BootstrapUnresolved extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BootstrapUnresolved(String message) {
            super(message, null, false, false);
        }
    }

    /** Per poll: a quarter of the memory budget, so a poll of highly compressible records cannot outgrow the heap. */
    static long pollMaxBytes(ConsumerConfig config) {
        return Math.max(1L << 20, config.bufferMaxBytes() / 4);
    }

    static Properties consumerProperties(ConsumerConfig config) {
        var p = new Properties();
        p.put(BOOTSTRAP_SERVERS_CONFIG, config.kafkaBroker());
        p.put(GROUP_ID_CONFIG, config.groupId());
        p.put(CLIENT_ID_CONFIG, "clickstream-consumer-" + instanceName());
        // Offsets are committed by hand, only after the files holding the records are in S3.
        p.put(ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group must not skip history: a lake that starts at "latest" silently loses data.
        p.put(AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (config.groupInstanceId() != null) {
            // Static membership: restarted with the same id, a consumer takes its partitions back without a rebalance.
            p.put(GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId());
        }
        // Never read records of aborted transactions into the lake.
        p.put(ISOLATION_LEVEL_CONFIG, "read_committed");
        // Larger fetches: the sink is throughput-bound, and 200 ms of extra latency is nothing next to BATCH_MAX_AGE.
        p.put(MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(FETCH_MIN_BYTES_CONFIG, Integer.toString(64 * 1024));
        p.put(FETCH_MAX_WAIT_MS_CONFIG, "200");
        // Small per-partition chunks, so that one poll's 5,000 records span many partitions, which the
        // intake then takes in parallel (4 MB would make most polls a single partition's). It also keeps the
        // fetch buffer small: 12 partitions x 256 KB. A larger record is still fetched whole (KIP-74).
        p.put(MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(256 * 1024));
        // Uploads happen off the poll thread, so the default 5 min between polls is never approached.
        if (config.groupProtocol() == ConsumerConfig.GroupProtocol.CONSUMER) {
            // KIP-848: the broker assigns (incrementally) and owns the session timeout and heartbeat interval;
            // the client refuses session.timeout.ms, heartbeat.interval.ms and partition.assignment.strategy.
            p.put(GROUP_PROTOCOL_CONFIG, "consumer");
        } else {
            // Rebalances move only the partitions that change owner; the others keep their open files.
            p.put(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
            // A dead consumer's partitions move after this long; heartbeats at a third of it, at most Kafka's 3 s.
            long sessionMillis = config.sessionTimeout().toMillis();
            p.put(SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionMillis));
            p.put(HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.min(3000, sessionMillis / 3)));
        }
        // Reconnect quickly after a broker restart, but do not hammer a broker that is down.
        p.put(RECONNECT_BACKOFF_MS_CONFIG, "200");
        p.put(RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        return config.kafkaClient().over(p);
    }

    /**
     * Host and pid, so that scaled-out instances are told apart in broker logs and quotas: in a container
     * the pid alone is 1 everywhere, and HOSTNAME is the container's id.
     */
    static String instanceName() {
        String host = System.getenv("HOSTNAME");
        String pid = Long.toString(ProcessHandle.current().pid());
        return host == null || host.isBlank() ? pid : host.strip().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + pid;
    }

    public static KafkaProducer<byte[], byte[]> deadLetterProducer(ConsumerConfig config) {
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBroker());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "clickstream-dlq-" + instanceName());
        // A dead letter counts as delivered only when every in-sync replica has it: we commit past it then.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Dead letters carry the original value, cut at DeadLetterSender.MAX_FORWARDED_VALUE_BYTES, plus headers.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(1 << 20));
        return construct("dead-letter producer", config, props -> new KafkaProducer<byte[], byte[]>(props),
                config.kafkaClient().over(p));
    }
}
