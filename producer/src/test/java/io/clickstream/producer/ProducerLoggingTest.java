package io.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.Configurator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProducerLoggingTest {
    @Test
    void isRegisteredWithLogbackAsAService() throws IOException {
        try (InputStream in = ProducerLogging.class.getResourceAsStream(
                "/META-INF/services/" + Configurator.class.getName())) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo(ProducerLogging.class.getName());
        }
    }

    @Test
    void logsTheAppAtInfoAndKafkaOnlyWhenItMatters() {
        var levels = new ProducerLogging().levels();

        assertThat(levels).containsEntry(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN)
                .containsEntry("io.clickstream", Level.INFO)
                .containsEntry("org.apache.kafka", Level.WARN)
                .containsEntry("org.apache.kafka.clients.NetworkClient", Level.ERROR)
                .containsEntry("org.apache.kafka.clients.ClientUtils", Level.ERROR);
    }

    @Test
    void linesKeepTheirIsoTimestampLayout() {
        assertThat(new ProducerLogging().pattern()).isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n");
    }
}
