package io.clickstream.consumer;

import io.clickstream.common.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Admin client of one start-up question (is Kafka there, is an instance id free, set the group's session
 * timeout): the user's client properties, and one timeout for every request and for the API call as a whole
 * (the client refuses a {@code default.api.timeout.ms} below its {@code request.timeout.ms}).
 */
final class ShortLivedAdmin {
    private ShortLivedAdmin() {
    }

    static Admin create(String brokers, KafkaClientProperties clientProperties, String clientId, Duration timeout) {
        Map<String, Object> own = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(clientProperties.over(own));
    }
}
