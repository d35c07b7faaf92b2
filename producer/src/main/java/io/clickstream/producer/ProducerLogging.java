package io.clickstream.producer;

import ch.qos.logback.classic.Level;
import io.clickstream.common.logging.ConsoleLogging;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The producer's logging (see {@link ConsoleLogging}). Without it Logback logs everything at DEBUG, Kafka's clients
 * included: far too noisy.
 */
public final class ProducerLogging extends ConsoleLogging {
    @Override
    protected String pattern() {
        return "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";
    }

    @Override
    protected Map<String, Level> levels() {
        var levels = new LinkedHashMap<String, Level>();
        levels.put(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
        levels.put("io.clickstream", Level.INFO);
        levels.put("org.apache.kafka", Level.WARN);
        // While a broker is unreachable the network client warns on every reconnect attempt (several per second);
        // the start-up check and the progress line already say it once per attempt / interval.
        levels.put("org.apache.kafka.clients.NetworkClient", Level.ERROR);
        // Likewise once per attempt for a broker host name that does not resolve (yet).
        levels.put("org.apache.kafka.clients.ClientUtils", Level.ERROR);
        return levels;
    }
}
