package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.ConsumerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void theInstanceNameEndsWithThePidAndHoldsOnlyCharactersKafkaAcceptsInAClientId() {
        String name = KafkaClients.instanceName();

        assertThat(name).endsWith(Long.toString(ProcessHandle.current().pid())).matches("[A-Za-z0-9._-]+");
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            assertThat(name).startsWith(host.strip().replaceAll("[^A-Za-z0-9._-]", "_") + "-");
        }
    }

    @Test
    void theSessionTimeoutSettingReachesTheConsumerWithHeartbeatsAtAThirdOfItAtMostThreeSeconds() {
        var shortSession = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(Map.of("KAFKA_SESSION_TIMEOUT", "6s")));
        var defaults = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(Map.of()));

        assertThat(shortSession).containsEntry("session.timeout.ms", "6000").containsEntry("heartbeat.interval.ms", "2000");
        assertThat(defaults).containsEntry("session.timeout.ms", "45000").containsEntry("heartbeat.interval.ms", "3000");
    }

    @Test
    void offsetsAreCommittedByHandAndFetchesAreSmallPerPartition() {
        var properties = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(Map.of()));

        assertThat(properties).containsEntry("enable.auto.commit", "false").containsEntry("auto.offset.reset", "earliest")
                .containsEntry("max.partition.fetch.bytes", Integer.toString(256 * 1024));
    }

    @Test
    void withTheConsumerProtocolTheBrokerOwnsTheSessionAndTheAssignment() {
        var properties = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(Map.of("KAFKA_GROUP_PROTOCOL", "consumer")));

        assertThat(properties).containsEntry("group.protocol", "consumer")
                .doesNotContainKeys("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy");
    }

    @Test
    void theClassicProtocolAssignsCooperativelyAndTakesTheSessionTimeout() {
        var properties = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(Map.of()));

        assertThat(properties).doesNotContainKey("group.protocol").containsKey("partition.assignment.strategy")
                .containsKey("session.timeout.ms");
    }

    @Test
    void aStaticInstanceIdReachesTheConsumerAndAutoTakesTheHostname() {
        var fixed = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(Map.of("KAFKA_GROUP_INSTANCE_ID", "sink-1")));
        var auto = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(
                Map.of("KAFKA_GROUP_INSTANCE_ID", "auto", "HOSTNAME", "3f2a9c1b7e0d")));
        var dynamic = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(Map.of()));

        assertThat(fixed).containsEntry("group.instance.id", "sink-1");
        assertThat(auto).containsEntry("group.instance.id", "3f2a9c1b7e0d");
        assertThat(dynamic).doesNotContainKey("group.instance.id");
    }

    @Test
    void theUsersClientPropertiesGoOverTheConsumersOwnButNeverOverWhatTheSinkDecides() {
        var properties = KafkaClients.consumerProperties(ConsumerConfig.fromEnvironment(Map.of(
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_CLIENT_MAX_POLL_RECORDS", "1000",
                "KAFKA_GROUP_ID", "lake")));

        assertThat(properties).containsEntry("security.protocol", "SASL_SSL").containsEntry("max.poll.records", "1000")
                .containsEntry("group.id", "lake").containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed");
    }
}
