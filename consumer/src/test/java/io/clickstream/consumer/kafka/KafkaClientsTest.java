package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

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
}
