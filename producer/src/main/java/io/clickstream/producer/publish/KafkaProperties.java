package io.clickstream.producer.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The client settings, each with the reason it is set. */
public final class KafkaProperties {
    /** The longest a single request may wait for the broker's answer before the client retries it. */
    static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private KafkaProperties() {
    }

    /**
     * @param compression a Kafka {@code compression.type} name
     * @param lingerMs how long a batch may wait for more records
     * @param batchSize the largest batch per partition, in bytes
     * @param deliveryTimeout how long a record may take, retries included, before it counts as failed
     */
    public static Map<String, Object> producer(String bootstrapServers, String compression, int lingerMs,
            int batchSize, Duration deliveryTimeout) {
        var props = new HashMap<String, Object>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "clickstream-producer");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // An acknowledged event is on every in-sync replica: a broker lost after the ack loses nothing.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Retries after a lost connection cannot write an event twice or reorder a partition; the only
        // duplicates in the topic are the ones --duplicate-ratio asks for.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // the most idempotence keeps in order
        // JSON events are ~400 bytes and very alike: zstd shrinks a batch about 5-8x for little CPU.
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        // Waiting up to 20 ms (Kafka's default is 5) lets a batch fill at moderate rates; bigger
        // batches compress better and cost the broker fewer requests. The added latency is invisible
        // next to the consumer's minute-scale file flushes.
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        // 128 KB batches (the default is 16 KB) hold ~300 events per partition before compression, so
        // at high rates a batch is sent because it is full, not because linger.ms ran out.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        // While a broker is away, up to 64 MB (~150,000 events) wait here; then send() blocks, so the
        // simulator slows down instead of dropping events.
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        // Retries are unlimited (the default) but bounded in time: a record not acknowledged within the
        // delivery timeout fails through its callback and is counted, never dropped silently.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        long requestTimeout = Math.min(MAX_REQUEST_TIMEOUT.toMillis(), deliveryTimeout.toMillis() - lingerMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
        // How long send() may block on a full buffer or missing metadata before the record fails.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(60_000L, deliveryTimeout.toMillis()));
        return props;
    }

    /** The short-lived admin client of the start-up check: quick timeouts, so each attempt gets one log line. */
    public static Map<String, Object> admin(String bootstrapServers) {
        var props = new HashMap<String, Object>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "clickstream-producer-startup");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 250);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        return props;
    }
}
