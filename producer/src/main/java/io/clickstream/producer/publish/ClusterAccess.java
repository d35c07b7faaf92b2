package io.clickstream.producer.publish;

import java.time.Duration;
import java.util.OptionalInt;

/** What the start-up check asks of the cluster; {@link AdminClusterAccess} answers with an {@code Admin}. */
public interface ClusterAccess extends AutoCloseable {

    /** @return the number of brokers; throws when the cluster does not answer within {@code timeout} */
    int describeCluster(Duration timeout) throws Exception;

    /** @return the topic's partition count, or empty when the topic does not exist */
    OptionalInt partitions(String topic, Duration timeout) throws Exception;

    /** Creates the topic; a topic that already exists is not an error. */
    void createTopic(String topic, int partitions, short replicationFactor, Duration timeout) throws Exception;

    @Override
    void close();
}
