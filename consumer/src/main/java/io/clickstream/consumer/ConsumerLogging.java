package io.clickstream.consumer;

import ch.qos.logback.classic.Level;
import io.clickstream.common.logging.ConsoleLogging;
import java.util.Map;

/**
 * The consumer's logging (see {@link ConsoleLogging}). Without it Logback logs at DEBUG, and Parquet, Kafka and the
 * AWS SDK then log per record and per request: orders of magnitude slower and noisier.
 */
public final class ConsumerLogging extends ConsoleLogging {
    @Override
    protected String pattern() {
        return "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";
    }

    @Override
    protected Map<String, Level> levels() {
        // The start-up wait says once per attempt that a broker cannot be reached, commits that fail say it once each.
        Map<String, Level> levels = commonLevels();
        // The deserializer ends a poll early once it holds its share of BUFFER_MAX_BYTES (CappedBytesDeserializer);
        // Kafka returns the records so far and logs that at ERROR, though nothing is wrong.
        levels.put("org.apache.kafka.clients.consumer.internals.CompletedFetch", Level.OFF);
        // A rebalance callback that fails is thrown out of poll, where the sink loop says what happened in one line
        // (a consumer removed from the group while taking its partitions) or stops with it; Kafka's own line
        // repeats it with a stack trace.
        levels.put("org.apache.kafka.clients.consumer.internals.ConsumerRebalanceListenerInvoker", Level.OFF);
        levels.put("org.apache.parquet", Level.WARN);
        levels.put("org.apache.hadoop", Level.ERROR);
        levels.put("software.amazon.awssdk", Level.WARN);
        levels.put("org.apache.http", Level.WARN);
        return levels;
    }
}
