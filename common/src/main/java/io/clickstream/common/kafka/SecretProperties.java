package io.clickstream.common.kafka;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which Kafka client properties hold secrets, and how to keep their values out of a text. Kafka's own
 * definitions decide first (a property of type PASSWORD: {@code sasl.jaas.config}, the key and trust store
 * passwords, {@code ssl.keystore.key}, ...); a name with "password" or "secret" in it counts too, for
 * properties Kafka does not know (a plug-in's).
 */
public final class SecretProperties {
    public static final String HIDDEN = "[hidden]";

    /** Values shorter than this are not searched for: replacing "ab" everywhere would garble any message. */
    static final int MIN_REDACTED_LENGTH = 4;

    private static final Set<String> PASSWORD_TYPED = passwordTyped();
    /** {@code name="value"} or {@code name=value} inside a JAAS line, for options that hold secrets. */
    private static final Pattern JAAS_OPTION = Pattern.compile("([A-Za-z0-9_.-]+)\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;\"]+))");
    private static final Pattern SECRET_OPTION = Pattern.compile("(?i).*(pass|secret|token|key).*");

    private SecretProperties() {
    }

    public static boolean isSecret(String property) {
        String name = property.toLowerCase(Locale.ROOT);
        return PASSWORD_TYPED.contains(property) || name.contains("password") || name.contains("secret")
                || name.endsWith("jaas.config");
    }

    /** The value as it may be shown: itself, or {@link #HIDDEN}. */
    public static String shown(String property, String value) {
        return isSecret(property) ? HIDDEN : value;
    }

    /**
     * The strings to keep out of any text: every secret property's value, and inside a JAAS line the values of
     * its options that look like secrets ({@code password="..."}, {@code clientSecret="..."}), since an error
     * message may quote one option alone. Longest first, so a value containing another is replaced whole.
     */
    public static List<String> secretValues(Map<String, String> properties) {
        Set<String> values = new LinkedHashSet<>();
        properties.forEach((property, value) -> {
            if (!isSecret(property) || value == null) {
                return;
            }
            values.add(value.strip());
            var option = JAAS_OPTION.matcher(value);
            while (option.find()) {
                if (SECRET_OPTION.matcher(option.group(1)).matches()) {
                    values.add(option.group(2) != null ? option.group(2) : option.group(3));
                }
            }
        });
        return values.stream().filter(v -> v.length() >= MIN_REDACTED_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} with every one of {@code secretValues} replaced by {@link #HIDDEN}. */
    public static String redact(String text, List<String> secretValues) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secretValues) {
            result = result.replace(secret, HIDDEN);
        }
        return result;
    }

    private static Set<String> passwordTyped() {
        Set<String> names = new LinkedHashSet<>();
        Stream.of(ConsumerConfig.configDef(), ProducerConfig.configDef(), AdminClientConfig.configDef())
                .flatMap(def -> def.configKeys().values().stream())
                .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .forEach(key -> names.add(key.name));
        return Set.copyOf(names);
    }
}
