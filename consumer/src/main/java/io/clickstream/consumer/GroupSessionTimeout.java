package io.clickstream.consumer;

import io.clickstream.common.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under the consumer group protocol (KIP-848) the session timeout is the group's, kept by the broker: the
 * client may not send one. {@code KAFKA_SESSION_TIMEOUT} is then applied as the group's own configuration
 * ({@code consumer.session.timeout.ms}, Kafka 4.0+), within the broker's
 * {@code group.consumer.min/max.session.timeout.ms}. If the broker refuses (no ALTER_CONFIGS on the group,
 * out of its bounds), one line says so and the broker's {@code group.consumer.session.timeout.ms} applies.
 */
final class GroupSessionTimeout {
    private static final Logger log = LoggerFactory.getLogger(GroupSessionTimeout.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private GroupSessionTimeout() {
    }

    static void apply(String brokers, KafkaClientProperties clientProperties, String clientId, String group,
            Duration sessionTimeout) {
        var resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        long heartbeatMillis = Math.max(1000, Math.min(5000, sessionTimeout.toMillis() / 3));
        var ops = List.of(
                new AlterConfigOp(new ConfigEntry("consumer.session.timeout.ms", Long.toString(sessionTimeout.toMillis())),
                        AlterConfigOp.OpType.SET),
                // Heartbeats at a third of the session, at most the broker's default 5 s, as the classic client does.
                new AlterConfigOp(new ConfigEntry("consumer.heartbeat.interval.ms", Long.toString(heartbeatMillis)),
                        AlterConfigOp.OpType.SET));
        try (Admin admin = ShortLivedAdmin.create(brokers, clientProperties, clientId, TIMEOUT)) {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("group {}: session timeout {} (consumer.session.timeout.ms, the group protocol's own setting)", group,
                    sessionTimeout);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.warn("group {}: KAFKA_SESSION_TIMEOUT={} not applied ({}: {}); the broker's group.consumer.session.timeout.ms "
                    + "applies", group, sessionTimeout, cause.getClass().getSimpleName(), cause.getMessage());
        }
    }
}
