package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaPreflightTest {
    private static final KafkaClientProperties NONE = KafkaClientProperties.none();

    /** A consumer whose metadata request ends with {@code failure}, or answers with the topic's partitions. */
    private static MockConsumer<byte[], byte[]> answering(RuntimeException failure) {
        var consumer = new MockConsumer<byte[], byte[]>("earliest") {
            @Override
            public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
                if (failure != null) {
                    throw failure;
                }
                return super.partitionsFor(topic, timeout);
            }
        };
        Node node = new Node(1, "broker", 9092);
        consumer.updatePartitions("clicks", List.of(new PartitionInfo("clicks", 0, node, null, null),
                new PartitionInfo("clicks", 1, node, null, null)));
        return consumer;
    }

    @Test
    void aBrokerThatAnswersIsReadyWithTheTopicsPartitions() {
        var outcome = KafkaPreflight.check(() -> answering(null), "clicks", "broker:9092", NONE);
        assertThat(outcome).isEqualTo(new KafkaPreflight.Outcome.Ready(2));
    }

    @Test
    void noAnswerInTimeIsWaitedFor() {
        var outcome = KafkaPreflight.check(() -> answering(new TimeoutException("metadata")), "clicks", "broker:9092",
                NONE);
        assertThat(outcome).isEqualTo(new KafkaPreflight.Outcome.NoAnswer("no answer within 5 s"));
    }

    @Test
    void hostNamesThatDoNotResolveYetAreWaitedForNotAConfigurationError() {
        var outcome = KafkaPreflight.check(() -> {
            throw new KafkaClients.BootstrapUnresolved("No resolvable bootstrap urls given in bootstrap.servers");
        }, "clicks", "kafka:9092", NONE);
        assertThat(outcome).isEqualTo(
                new KafkaPreflight.Outcome.NoAnswer("No resolvable bootstrap urls given in bootstrap.servers"));
    }

    @Test
    void aRefusedLoginEndsTheStartNamingTheBroker() {
        var outcome = KafkaPreflight.check(() -> answering(new SaslAuthenticationException("bad password")), "clicks",
                "broker:9093", NONE);
        assertThat(outcome).isInstanceOfSatisfying(KafkaPreflight.Outcome.Refused.class,
                refused -> assertThat(refused.message()).startsWith("Kafka at broker:9093: "));
    }

    @Test
    void anAccountNotAllowedToSeeTheTopicEndsTheStartSayingWhatItNeeds() {
        var outcome = KafkaPreflight.check(() -> answering(new TopicAuthorizationException(java.util.Set.of("clicks"))),
                "clicks", "broker:9093", NONE);
        assertThat(outcome).isInstanceOfSatisfying(KafkaPreflight.Outcome.Refused.class, refused -> assertThat(
                refused.message()).startsWith("Kafka at broker:9093: not authorized (")
                .endsWith("needs Describe and Read on topic clicks and Read on its group"));
    }
}
