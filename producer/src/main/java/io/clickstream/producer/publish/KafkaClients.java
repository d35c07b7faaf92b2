package io.clickstream.producer.publish;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Where the app gets its Kafka clients; tests pass {@code MockProducer} and a fake {@link ClusterAccess}. */
public interface KafkaClients {

    Producer<byte[], byte[]> producer(Map<String, Object> properties);

    ClusterAccess cluster(Map<String, Object> adminProperties);

    static KafkaClients real() {
        return new KafkaClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
                return new KafkaProducer<>(properties);
            }

            @Override
            public ClusterAccess cluster(Map<String, Object> adminProperties) {
                return AdminClusterAccess.create(adminProperties);
            }
        };
    }
}
