package io.clickstream.producer.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** {@link ClusterAccess} through a Kafka {@link Admin} client. */
public final class AdminClusterAccess implements ClusterAccess {
    private final Admin admin;

    public AdminClusterAccess(Admin admin) {
        this.admin = admin;
    }

    public static AdminClusterAccess create(Map<String, Object> properties) {
        return new AdminClusterAccess(Admin.create(properties));
    }

    @Override
    public int describeCluster(Duration timeout) throws Exception {
        var options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        return admin.describeCluster(options).nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
    }

    @Override
    public OptionalInt partitions(String topic, Duration timeout) throws Exception {
        var options = new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis());
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(topic), options).allTopicNames()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return OptionalInt.of(topics.get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    @Override
    public void createTopic(String topic, int partitions, short replicationFactor, Duration timeout) throws Exception {
        var options = new CreateTopicsOptions().timeoutMs((int) timeout.toMillis());
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)), options).all()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
