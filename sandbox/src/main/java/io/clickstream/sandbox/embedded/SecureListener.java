package io.clickstream.sandbox.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded broker's SASL_SSL listener: SCRAM-SHA-512 over TLS, with a broker certificate signed by a CA
 * made at start-up. {@link #clientProperties()} are what a Kafka client needs to use it.
 *
 * @param caPem the CA certificate, PEM, for {@code ssl.truststore.location} with {@code ssl.truststore.type=PEM}
 */
public record SecureListener(String bootstrapServers, String username, String password, Path caPem) {
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** Security protocol, mechanism, JAAS line and trust store, in the order a properties file would list them. */
    public Map<String, String> clientProperties() {
        return clientProperties(username, password, caPem);
    }

    /** The same for other credentials or another trust store (tests of a refused connection). */
    public static Map<String, String> clientProperties(String username, String password, Path caPem) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", MECHANISM);
        properties.put("sasl.jaas.config", jaas(username, password));
        if (caPem != null) {
            properties.put("ssl.truststore.type", "PEM");
            properties.put("ssl.truststore.location", caPem.toString());
        }
        return properties;
    }

    public static String jaas(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "SecureListener[" + bootstrapServers + ", user " + username + ", CA " + caPem + "]"; // no password
    }
}
