package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.Configurator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsumerLoggingTest {
    @Test
    void isRegisteredWithLogbackAsAService() throws IOException {
        try (InputStream in = ConsumerLogging.class.getResourceAsStream(
                "/META-INF/services/" + Configurator.class.getName())) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo(ConsumerLogging.class.getName());
        }
    }

    @Test
    void logsTheAppAtInfoAndSilencesWhatKafkaRepeatsOrSaysWronglyAtError() {
        var levels = new ConsumerLogging().levels();

        assertThat(levels).containsEntry(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN)
                .containsEntry("io.clickstream", Level.INFO)
                .containsEntry("org.apache.kafka.clients.NetworkClient", Level.ERROR)
                .containsEntry("org.apache.kafka.clients.consumer.internals.CompletedFetch", Level.OFF)
                .containsEntry("org.apache.kafka.clients.consumer.internals.ConsumerRebalanceListenerInvoker", Level.OFF)
                .containsEntry("software.amazon.awssdk", Level.WARN);
    }

    @Test
    void linesKeepTheLayoutTheSandboxAndOperatorsParse() {
        assertThat(new ConsumerLogging().pattern()).isEqualTo("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n");
    }
}
