package io.clickstream.producer;

import ch.qos.logback.classic.Level;
import io.clickstream.common.logging.ConsoleLogging;
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
        // The start-up check and the progress line say once per attempt / interval that a broker cannot be reached.
        return commonLevels();
    }
}
