package io.clickstream.common.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Marker;

/**
 * Drops what Kafka's clients log themselves when a broker refuses the credentials or the TLS handshake fails:
 * an ERROR line per client ("failed authentication due to: SSL handshake failed") and, from the admin client, a
 * WARN with the whole stack trace. The apps report the same failure in one line with its reason
 * ({@link KafkaAuthFailures}) and exit; Kafka's copies would bury that line. Registered by the apps' logging set-up
 * ({@link io.clickstream.common.logging.ConsoleLogging}); every other event passes.
 */
public final class KafkaAuthFailureLogFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || format == null || !logger.getName().startsWith("org.apache.kafka.clients.")) {
            return FilterReply.NEUTRAL;
        }
        if (logger.getName().endsWith(".NetworkClient") && format.contains("failed authentication due to")) {
            return FilterReply.DENY;
        }
        if (logger.getName().endsWith(".AdminMetadataManager") && isAuthentication(t, params)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isAuthentication(Throwable t, Object[] params) {
        if (t instanceof AuthenticationException) {
            return true;
        }
        // SLF4J passes a trailing exception as the last argument when it is not given separately.
        return params != null && params.length > 0 && params[params.length - 1] instanceof AuthenticationException;
    }
}
