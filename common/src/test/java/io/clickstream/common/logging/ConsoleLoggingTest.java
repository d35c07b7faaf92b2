package io.clickstream.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import io.clickstream.common.kafka.KafkaAuthFailureLogFilter;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLoggingTest {
    @TempDir
    Path folder;

    private final LoggerContext context = new LoggerContext();

    /** An app's logging with two levels of its own. */
    static final class SomeApp extends ConsoleLogging {
        @Override
        protected String pattern() {
            return "%level %logger{0} - %msg%n";
        }

        @Override
        protected Map<String, Level> levels() {
            return Map.of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN, "io.clickstream", Level.INFO,
                    "org.apache.kafka.clients.consumer.internals.CompletedFetch", Level.OFF);
        }
    }

    @AfterEach
    void stop() {
        context.stop();
        System.clearProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY);
    }

    @Test
    void withoutAConfigurationFileItSetsTheAppsLevelsAConsoleAppenderAndTheAuthFailureFilter() throws IOException {
        ExecutionStatus status = configureWithResources();

        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.clickstream.consumer.SinkLoop").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.parquet.hadoop.ParquetWriter").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients.consumer.internals.CompletedFetch").getEffectiveLevel())
                .isEqualTo(Level.OFF);
        var appender = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        assertThat(appender.isStarted()).isTrue();
        assertThat(context.getTurboFilterList()).singleElement().isInstanceOf(KafkaAuthFailureLogFilter.class);
        assertThat(context.getTurboFilterList().get(0).isStarted()).isTrue();
    }

    @Test
    void aLogbackXmlOnTheClassPathIsLeftToLogback() throws IOException {
        ExecutionStatus status = configureWithResources("logback.xml");

        assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        assertThat(context.getTurboFilterList()).isEmpty();
    }

    @Test
    void aLogbackTestXmlOnTheClassPathIsLeftToLogback() throws IOException {
        assertThat(configureWithResources("logback-test.xml")).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getTurboFilterList()).isEmpty();
    }

    @Test
    void aConfigurationFileNamedByTheSystemPropertyIsLeftToLogback() throws IOException {
        Path file = Files.writeString(folder.resolve("app-logback.xml"), "<configuration/>");
        System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, file.toString());

        assertThat(configureWithResources()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getTurboFilterList()).isEmpty();
    }

    /** Configures {@link #context} with a class loader that holds only the named (empty) resources. */
    private ExecutionStatus configureWithResources(String... names) throws IOException {
        for (String name : names) {
            Files.writeString(folder.resolve(name), "<configuration/>");
        }
        var app = new SomeApp();
        app.setContext(context);
        try (var loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
            return app.configure(context, loader);
        }
    }
}
