package io.clickstream.common.kafka;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * One line for a broker that refused the client's identity or was refused by it: wrong SASL credentials, an
 * untrusted broker certificate, a TLS client talking to a plaintext port. Kafka's own message for a TLS failure
 * is only "SSL handshake failed"; the reason (PKIX path, host name) sits at the bottom of the cause chain.
 */
public final class KafkaAuthFailures {

    private KafkaAuthFailures() {
    }

    /** The explanation, if {@code error} or one of its causes is an {@link AuthenticationException}. */
    public static Optional<String> explain(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SslAuthenticationException ssl) {
                return Optional.of(tls(ssl));
            }
            if (t instanceof SaslAuthenticationException sasl) {
                return Optional.of("the broker refused the SASL credentials: " + oneLine(sasl.getMessage())
                        + " (check sasl.mechanism and sasl.jaas.config)");
            }
            if (t instanceof AuthenticationException auth) {
                return Optional.of("authentication with the broker failed: " + oneLine(describe(deepest(auth))));
            }
        }
        return Optional.empty();
    }

    private static String tls(SslAuthenticationException e) {
        String reason = oneLine(describe(deepest(e)));
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("unable to find valid")) {
            return "the broker's TLS certificate is not trusted (" + reason + "): point ssl.truststore.location at "
                    + "the CA that signed it (ssl.truststore.type=PEM takes a PEM file)";
        }
        if (lower.contains("subject alternative") || lower.contains("no name matching")) {
            return "the broker's TLS certificate does not name the host connected to: " + reason;
        }
        return "TLS handshake with the broker failed: " + reason + " (is the port a TLS listener, and security.protocol right?)";
    }

    private static Throwable deepest(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
