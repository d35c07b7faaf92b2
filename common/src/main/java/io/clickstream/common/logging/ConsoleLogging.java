package io.clickstream.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.clickstream.common.kafka.KafkaAuthFailureLogFilter;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An app's logging, set up in code when Logback starts: one console appender with the app's pattern, the app's
 * logger levels, and {@link KafkaAuthFailureLogFilter}. What the apps' {@code logback.xml} used to say, without
 * Logback's XML configurator: reading that file loaded about 370 more classes (Joran's model and actions, the JDK's
 * XML parser) and took 40 to 100 ms of the consumer's start (1.3 to 1.4 s from launch to its partitions without a
 * class-data archive, 0.8 to 0.9 s with one).
 *
 * <p>A configuration file still wins, the usual way: with {@code -Dlogback.configurationFile} naming a file Logback
 * finds, or a {@code logback-test.xml} or {@code logback.xml} on the class path, this steps aside and Logback reads
 * that file.
 * Registered per app in {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 */
public abstract class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** Logback's own property naming a configuration file. */
    static final String CONFIGURATION_FILE_PROPERTY = "logback.configurationFile";

    /** The layout of a line, in Logback's pattern syntax. */
    protected abstract String pattern();

    /** Levels by logger name; the root logger is {@code Logger.ROOT_LOGGER_NAME}. Usually {@link #commonLevels()} and more. */
    protected abstract Map<String, Level> levels();

    /**
     * What every app sets, in a map the app may add to: WARN but for our own INFO lines, and Kafka's clients
     * quiet about a broker that cannot be reached or resolved, which the apps say once per attempt themselves.
     */
    protected static Map<String, Level> commonLevels() {
        var levels = new LinkedHashMap<String, Level>();
        levels.put(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
        levels.put("io.clickstream", Level.INFO);
        levels.put("org.apache.kafka", Level.WARN);
        // While a broker is unreachable the network client warns on every reconnect attempt (several per second).
        levels.put("org.apache.kafka.clients.NetworkClient", Level.ERROR);
        // Likewise once per attempt for a broker host name that does not resolve (yet).
        levels.put("org.apache.kafka.clients.ClientUtils", Level.ERROR);
        return levels;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, getClass().getClassLoader());
    }

    /** {@link #configure(LoggerContext)}, looking for configuration files with {@code loader}. */
    ExecutionStatus configure(LoggerContext context, ClassLoader loader) {
        if (configurationFileGiven(loader)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        var filter = new KafkaAuthFailureLogFilter();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);

        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern());
        encoder.start();
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();

        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        levels().forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Whether Logback would find a configuration file of the user's (or a test's) if asked. The property counts only
     * when what it names resolves the way Logback resolves it (a URL, else a class-path resource, else an existing
     * regular file): for a name that resolves to nothing Logback goes on to {@code logback-test.xml},
     * {@code logback.xml} and then its basic configuration, DEBUG for everything, so stepping aside for a mistyped
     * or missing file would flood the console where the app's own logging used to apply.
     */
    static boolean configurationFileGiven(ClassLoader loader) {
        String file = System.getProperty(CONFIGURATION_FILE_PROPERTY);
        return file != null && resolves(file, loader)
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }

    /** Whether Logback's {@code DefaultJoranConfigurator} would find a configuration named {@code file}. */
    private static boolean resolves(String file, ClassLoader loader) {
        try {
            new URL(file);
            return true;
        } catch (MalformedURLException notAUrl) {
            // Logback then tries the class path, then the file system.
        }
        if (loader.getResource(file) != null) {
            return true;
        }
        var path = new File(file);
        return path.exists() && path.isFile();
    }
}
