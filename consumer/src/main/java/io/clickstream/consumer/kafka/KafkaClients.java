package io.clickstream.consumer.kafka;

import io.clickstream.common.kafka.KafkaClientProperties;
import io.clickstream.consumer.ConsumerApp;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients the consumer uses, every property with the reason it is set. The user's client properties
 * ({@code KAFKA_CLIENT_CONFIG}, {@code KAFKA_CLIENT_<NAME>}: security, SASL, TLS, tuning) go over these; those
 * the sink's guarantees or its named settings decide were refused when the configuration was read.
 */
public final class KafkaClients {
    private static final Logger log = LoggerFactory.getLogger(KafkaClients.class);

    /** Configurations checked lately, so that the dead-letter producer and the consumer of one start check once. */
    private static final Map<io.clickstream.consumer.ConsumerConfig, Long> CHECKED =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static final long RECHECK_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

    private KafkaClients() {
    }

    /**
     * Checks first that the broker accepts our credentials and we its certificate (one clear line and exit
     * code 2 if not, through {@link ConsumerApp.StartupException}); a broker that does not answer is waited for
     * by the poll loop.
     */
    public static KafkaConsumer<byte[], byte[]> consumer(io.clickstream.consumer.ConsumerConfig config) {
        checkBrokerOnce(config);
        return construct("consumer", config, p -> new KafkaConsumer<byte[], byte[]>(p), consumerProperties(config));
    }

    /**
     * Whichever client is made first asks the broker first, so that a refused login stops the start before any
     * client retries it in the background.
     */
    private static void checkBrokerOnce(io.clickstream.consumer.ConsumerConfig config) {
        Long checkedAt = CHECKED.get(config);
        if (checkedAt != null && System.nanoTime() - checkedAt < RECHECK_AFTER_NANOS) {
            return;
        }
        KafkaClientProperties client = config.kafkaClient();
        if (!client.isEmpty()) {
            log.info("Kafka client properties: {}", client.describe());
        }
        client.unknownNames().forEach(name -> log.warn("Kafka client property {} is not one Kafka's clients know "
                + "(a typo?); it is passed on as given", name));
        var outcome = KafkaPreflight.check(config.kafkaBroker(), client, "clickstream-consumer-check-" + instanceName());
        if (outcome instanceof KafkaPreflight.Outcome.Refused refused) {
            throw new ConsumerApp.StartupException(refused.message());
        }
        if (outcome instanceof KafkaPreflight.Outcome.NoAnswer noAnswer) {
            KafkaPreflight.logNoAnswer(config.kafkaBroker(), noAnswer);
        }
        CHECKED.put(config, System.nanoTime());
    }

    /**
     * A client that cannot even be built (a key store that does not open, a JAAS line that does not parse) is a
     * configuration error: one line, secrets hidden, exit code 2.
     */
    private static <C> C construct(String what, io.clickstream.consumer.ConsumerConfig config,
            Function<Properties, C> create, Properties properties) {
        try {
            return create.apply(properties);
        } catch (KafkaException e) {
            var message = new StringBuilder("cannot create the Kafka ").append(what);
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getMessage() != null && !t.getMessage().startsWith("Failed to construct kafka")) {
                    message.append(": ").append(t.getMessage());
                }
            }
            throw new ConsumerApp.StartupException(config.kafkaClient().redact(message.toString().replaceAll("\\s+", " ")));
        }
    }

    static Properties consumerProperties(io.clickstream.consumer.ConsumerConfig config) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBroker());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "clickstream-consumer-" + instanceName());
        // Offsets are committed by hand, only after the files holding the records are in S3.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group must not skip history: a lake that starts at "latest" silently loses data.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Rebalances move only the partitions that change owner; the others keep their open files.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        // Never read records of aborted transactions into the lake.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Larger fetches: the sink is throughput-bound, and 200 ms of extra latency is nothing next to BATCH_MAX_AGE.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(64 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        // Small per-partition chunks, so that one poll's 5,000 records span many partitions, which the
        // intake then takes in parallel (4 MB would make most polls a single partition's). It also keeps the
        // fetch buffer small: 12 partitions x 256 KB. A larger record is still fetched whole (KIP-74).
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(256 * 1024));
        // Uploads happen off the poll thread, so the default 5 min between polls is never approached.
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // A dead consumer's partitions move after this long; heartbeats at a third of it, at most Kafka's 3 s.
        long sessionMillis = config.sessionTimeout().toMillis();
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionMillis));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.min(3000, sessionMillis / 3)));
        // Reconnect quickly after a broker restart, but do not hammer a broker that is down.
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, "200");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
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

    public static KafkaProducer<byte[], byte[]> deadLetterProducer(io.clickstream.consumer.ConsumerConfig config) {
        checkBrokerOnce(config);
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
        // Dead letters carry the original value, cut at DeadLetterRouter.MAX_FORWARDED_VALUE_BYTES, plus headers.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(1 << 20));
        return construct("dead-letter producer", config, props -> new KafkaProducer<byte[], byte[]>(props),
                config.kafkaClient().over(p));
    }
}
