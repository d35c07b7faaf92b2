package io.clickstream.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.DefaultJoranConfigurator;
import ch.qos.logback.core.status.Status;
import io.clickstream.common.kafka.KafkaAuthFailureLogFilter;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user can do to the apps' code-configured logging that the happy-path tests did not try: a configuration
 * file property that names nothing, a directory, a class-path resource of another app; Logback's own start-up with
 * the configurator found as a service; levels given child before parent.
 */
public class ConsoleLoggingHostileTest {
    @TempDir
    Path folder;

    private final LoggerContext context = new LoggerContext();

    /** An app's logging, public so that {@link java.util.ServiceLoader} can make one. */
    public static final class HostileApp extends ConsoleLogging {
        @Override
        protected String pattern() {
            return "%level %logger{0} - %msg%n";
        }

        @Override
        protected Map<String, Level> levels() {
            var levels = new LinkedHashMap<String, Level>();
            levels.put(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
            levels.put("io.clickstream", Level.INFO);
            levels.put("org.apache.kafka.clients.NetworkClient", Level.ERROR);
            return levels;
        }
    }

    @AfterEach
    void stop() {
        context.stop();
        System.clearProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY);
    }

    @Test
    void aConfigurationFilePropertyNamingAMissingFileKeepsTheAppsLoggingInsteadOfDebugForEverything() {
        System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, folder.resolve("no-such-logback.xml").toString());

        assertThat(configure(emptyLoader())).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getTurboFilterList()).singleElement().isInstanceOf(KafkaAuthFailureLogFilter.class);
    }

    @Test
    void aConfigurationFilePropertyNamingADirectoryIsNoConfigurationFile() {
        System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, folder.toString());

        assertThat(configure(emptyLoader())).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void aConfigurationFilePropertyNamingAResourceOnTheClassPathIsLeftToLogback() throws IOException {
        Files.writeString(folder.resolve("sandbox-logback.xml"), "<configuration/>");
        System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, "sandbox-logback.xml");

        try (var loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
            assertThat(configure(loader)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        }
        assertThat(context.getTurboFilterList()).isEmpty();
    }

    @Test
    void theSandboxsResourceNameInAnAppWithoutThatResourceKeepsTheAppsLogging() {
        System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, "sandbox-logback.xml");

        assertThat(configure(emptyLoader())).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void aConfigurationFilePropertyGivenAsAUrlIsLeftToLogbackAsLogbackTriesAnyUrl() {
        System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, "https://config.example/logback.xml");

        assertThat(configure(emptyLoader())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getTurboFilterList()).isEmpty();
    }

    @Test
    void stepsAsideExactlyWhenLogbacksOwnSearchFindsAConfigurationFile() throws IOException {
        Path file = Files.writeString(folder.resolve("given.xml"), "<configuration/>");
        ClassLoader loader = DefaultJoranConfigurator.class.getClassLoader();
        List<String> values = new ArrayList<>(List.of(file.toString(), file.toUri().toString(),
                folder.resolve("missing.xml").toString(), folder.toString(), "missing-resource.xml",
                "io/clickstream/common/logging/ConsoleLogging.class", "file:/no/such/logback.xml"));
        values.add(null);
        var logbacks = new DefaultJoranConfigurator();
        logbacks.setContext(context);
        for (String value : values) {
            if (value == null) {
                System.clearProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY);
            } else {
                System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, value);
            }
            boolean logbackFindsOne = logbacks.findURLOfDefaultConfigurationFile(false) != null;
            assertThat(ConsoleLogging.configurationFileGiven(loader)).as("logback.configurationFile=%s", value)
                    .isEqualTo(logbackFindsOne);
        }
    }

    @Test
    void logbacksStartUpWithAMissingConfigurationFileUsesTheAppsLoggingWithoutAWarningToPrint()
            throws Exception {
        System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, folder.resolve("typo-logback.xml").toString());

        autoConfigWithTheAppAsAService();

        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getTurboFilterList()).singleElement().isInstanceOf(KafkaAuthFailureLogFilter.class);
        assertThat(warningsOrErrors()).isEmpty();
    }

    @Test
    void logbacksStartUpWithAnExistingDebugFileReadsThatFile() throws Exception {
        Path file = Files.writeString(folder.resolve("debug.xml"), "<configuration><root level=\"DEBUG\"/></configuration>");
        System.setProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, file.toString());

        autoConfigWithTheAppAsAService();

        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getTurboFilterList()).isEmpty();
    }

    @Test
    void logbacksStartUpWithoutAnyFilePrintsNoStatusLines() throws Exception {
        autoConfigWithTheAppAsAService();

        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(warningsOrErrors()).isEmpty();
    }

    @Test
    void levelsGivenChildBeforeParentAndRootLastEndTheSameAsRootFirst() {
        var reversed = new ArrayList<>(new HostileApp().levels().entrySet());
        Collections.reverse(reversed);
        var app = new ConsoleLogging() {
            @Override
            protected String pattern() {
                return "%msg%n";
            }

            @Override
            protected Map<String, Level> levels() {
                var levels = new LinkedHashMap<String, Level>();
                reversed.forEach(e -> levels.put(e.getKey(), e.getValue()));
                return levels;
            }
        };
        context.getLogger("org.apache.kafka.clients.NetworkClient.Inner"); // a logger made before any level is set
        app.setContext(context);

        assertThat(app.configure(context, emptyLoader())).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient.Inner").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("io.clickstream.x.Y").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.parquet.Z").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    private ExecutionStatus configure(ClassLoader loader) {
        var app = new HostileApp();
        app.setContext(context);
        return app.configure(context, loader);
    }

    private static ClassLoader emptyLoader() {
        return new URLClassLoader(new URL[0], null);
    }

    /** Runs Logback's own start-up on {@link #context}, {@link HostileApp} registered as its only service. */
    private void autoConfigWithTheAppAsAService() throws Exception {
        Path services = folder.resolve("services");
        Path file = services.resolve("META-INF/services/" + Configurator.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, HostileApp.class.getName() + "\n");
        try (var loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader())) {
            new ContextInitializer(context).autoConfig(loader);
        }
    }

    /**
     * The warnings and errors of Logback's start-up: with none, Logback prints none of its status lines (it prints
     * them all, INFO included, as soon as one is a warning or an error).
     */
    private List<Status> warningsOrErrors() {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getEffectiveLevel() >= Status.WARN).toList();
    }
}
