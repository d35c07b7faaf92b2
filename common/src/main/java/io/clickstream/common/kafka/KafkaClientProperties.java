package io.clickstream.common.kafka;

import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Utils;

/**
 * Kafka client properties given the way Kafka's tools take them: a Java properties file
 * ({@code KAFKA_CLIENT_CONFIG}, as the CLI's {@code --command-config}), and one environment variable per
 * property, {@code KAFKA_CLIENT_<NAME>}, named as Kafka's Docker images name theirs: upper case, '.' as '_',
 * '-' as '__', '_' as '___' ({@code KAFKA_CLIENT_SECURITY_PROTOCOL} is {@code security.protocol}). A variable
 * wins over the file. Every Kafka client an app makes gets them over its own properties, except those
 * {@link ReservedKafkaProperties} refuses. Values of secret properties never reach {@link #toString()},
 * {@link #describe()} or, through {@link #redact}, an error message.
 */
public final class KafkaClientProperties {
    public static final String PREFIX = "KAFKA_CLIENT_";
    public static final Setting KAFKA_CLIENT_CONFIG = new Setting("KAFKA_CLIENT_CONFIG", "--kafka-client-config", null,
            "Java properties file of Kafka client properties (security.protocol, sasl.*, ssl.*), as Kafka's --command-config; "
                    + "a KAFKA_CLIENT_<NAME> variable sets one property over it (KAFKA_CLIENT_SASL_MECHANISM is sasl.mechanism)");

    /** The command line's form of {@code KAFKA_CLIENT_<NAME>}: {@code --kafka-client-property NAME=VALUE}, repeatable. */
    public static final String PROPERTY_FLAG = "--kafka-client-property";
    public static final String PROPERTY_FLAG_DOC = "one Kafka client property, as KAFKA_CLIENT_<NAME> sets it "
            + "(repeatable; wins over the variable and the file), e.g. --kafka-client-property security.protocol=SASL_SSL";

    private static final Pattern VARIABLE_SUFFIX = Pattern.compile("[A-Za-z0-9]+(_+[A-Za-z0-9]+)*");
    private static final Set<String> KNOWN = Stream.of(ConsumerConfig.configNames(), ProducerConfig.configNames(),
            AdminClientConfig.configNames()).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    private static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of(), Map.of());

    private final Map<String, String> properties;
    private final Map<String, String> origins;
    private final List<String> secretValues;

    private KafkaClientProperties(Map<String, String> properties, Map<String, String> origins) {
        this.properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
        this.origins = Map.copyOf(origins);
        this.secretValues = SecretProperties.secretValues(properties);
    }

    public static KafkaClientProperties none() {
        return NONE;
    }

    /**
     * Reads {@code KAFKA_CLIENT_CONFIG} and the {@code KAFKA_CLIENT_<NAME>} variables, reporting every problem to
     * {@code reader} (a missing file, a name that is no property, a reserved property): one line each, naming the
     * variable, never a secret's value.
     *
     * @param appSettings the app's settings: a property one of them sets is refused, naming both
     */
    public static KafkaClientProperties read(ConfigReader reader, List<Setting> appSettings) {
        Map<String, String> flags = appSettings.stream().collect(Collectors.toMap(Setting::env, Setting::flag, (a, b) -> a));
        Map<String, String> properties = new HashMap<>();
        Map<String, String> origins = new HashMap<>();

        String file = reader.string(KAFKA_CLIENT_CONFIG);
        if (file != null) {
            readFile(reader, file).forEach((property, value) -> {
                var refused = ReservedKafkaProperties.refusing(property, flags.keySet());
                if (refused.isPresent()) {
                    reader.problem(KAFKA_CLIENT_CONFIG, file, explain(refused.get(), flags));
                } else {
                    properties.put(property, value);
                    origins.put(property, KAFKA_CLIENT_CONFIG.env());
                }
            });
        }
        reader.withPrefix(PREFIX).forEach((variable, value) -> {
            if (variable.equals(KAFKA_CLIENT_CONFIG.env())) {
                return;
            }
            Optional<String> property = propertyName(variable);
            if (property.isEmpty()) {
                reader.problem(variable, null, "names no Kafka client property: after " + PREFIX
                        + " write the property in upper case with '_' for '.', e.g. KAFKA_CLIENT_SECURITY_PROTOCOL");
                return;
            }
            var refused = ReservedKafkaProperties.refusing(property.get(), flags.keySet());
            if (refused.isPresent()) {
                String named = reader.fromFlag(variable) ? PROPERTY_FLAG + " " + property.get() + " (" + variable + ")" : variable;
                reader.problem(named, null, explain(refused.get(), flags));
                return;
            }
            properties.put(property.get(), value);
            origins.put(property.get(), variable);
        });
        return properties.isEmpty() ? NONE : new KafkaClientProperties(properties, origins);
    }

    /** {@code KAFKA_CLIENT_SASL_JAAS_CONFIG} to {@code sasl.jaas.config}; empty if the name cannot be one. */
    public static Optional<String> propertyName(String variable) {
        if (!variable.startsWith(PREFIX) || !VARIABLE_SUFFIX.matcher(variable.substring(PREFIX.length())).matches()) {
            return Optional.empty();
        }
        String suffix = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        var name = new StringBuilder();
        for (int i = 0; i < suffix.length(); ) {
            if (suffix.charAt(i) != '_') {
                name.append(suffix.charAt(i++));
                continue;
            }
            int run = 0;
            while (i < suffix.length() && suffix.charAt(i) == '_') {
                run++;
                i++;
            }
            name.append("_".repeat(run / 3)).append(run % 3 == 2 ? "-" : run % 3 == 1 ? "." : "");
        }
        return Optional.of(name.toString());
    }

    /**
     * A {@code --kafka-client-property NAME=VALUE} as the variable it stands for and its value.
     *
     * @throws IllegalArgumentException with a message for the user when it is not {@code NAME=VALUE} or the name
     *     cannot be written as a variable (upper case letters, other characters: use the file then)
     */
    public static Map.Entry<String, String> fromFlag(String nameEqualsValue) {
        int eq = nameEqualsValue.indexOf('=');
        String name = eq < 0 ? "" : nameEqualsValue.substring(0, eq).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY_FLAG + " expects NAME=VALUE, e.g. security.protocol=SASL_SSL; got '"
                    + (eq < 0 ? nameEqualsValue : "") + "'");
        }
        String variable = variableName(name);
        if (!propertyName(variable).map(name::equals).orElse(false)) {
            throw new IllegalArgumentException(PROPERTY_FLAG + " " + name + ": only lower-case names of letters, digits, "
                    + "'.', '-' and '_' can be given this way; put it in the KAFKA_CLIENT_CONFIG file");
        }
        return Map.entry(variable, nameEqualsValue.substring(eq + 1));
    }

    /** The variable that sets {@code property}: {@code sasl.jaas.config} is {@code KAFKA_CLIENT_SASL_JAAS_CONFIG}. */
    public static String variableName(String property) {
        return PREFIX + property.replace("_", "___").replace("-", "__").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The properties, by name. */
    public Map<String, String> asMap() {
        return properties;
    }

    public boolean isEmpty() {
        return properties.isEmpty();
    }

    /** A client's own properties with these put over them. */
    public Map<String, Object> over(Map<String, Object> clientProperties) {
        var merged = new HashMap<>(clientProperties);
        merged.putAll(properties);
        return merged;
    }

    /** A client's own properties with these put over them. */
    public Properties over(Properties clientProperties) {
        var merged = new Properties();
        merged.putAll(clientProperties);
        merged.putAll(properties);
        return merged;
    }

    /** {@code text} with every secret value given here (and every secret option of a JAAS line) hidden. */
    public String redact(String text) {
        return SecretProperties.redact(text, secretValues);
    }

    /**
     * Names that none of Kafka's consumer, producer or admin client knows (a typo, or a plug-in's own
     * property): they are passed on, but a typo would otherwise go unnoticed.
     */
    public List<String> unknownNames() {
        return properties.keySet().stream().filter(p -> !KNOWN.contains(p) && !p.startsWith("config.providers."))
                .map(p -> p + " (" + origins.get(p) + ")").toList();
    }

    /** One line for a log: every property with where it came from, secrets hidden; "none" when empty. */
    public String describe() {
        if (properties.isEmpty()) {
            return "none";
        }
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + SecretProperties.shown(e.getKey(), e.getValue()) + " (" + origins.get(e.getKey()) + ")")
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaClientProperties that && properties.equals(that.properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    private static String explain(ReservedKafkaProperties.Rule rule, Map<String, String> flags) {
        String flag = rule instanceof ReservedKafkaProperties.NamedSetting named ? flags.get(named.variable()) : null;
        return ReservedKafkaProperties.explain(rule, flag);
    }

    /** The file as Kafka's tools read a --command-config file ({@link Utils#loadProps}). */
    private static Map<String, String> readFile(ConfigReader reader, String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            reader.problem(KAFKA_CLIENT_CONFIG, file, Files.exists(path) ? "is not a file" : "no such file");
            return Map.of();
        }
        try {
            Properties loaded = Utils.loadProps(file);
            Map<String, String> values = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            for (String name : loaded.stringPropertyNames()) {
                if (seen.add(name.strip())) {
                    values.put(name.strip(), loaded.getProperty(name).strip());
                }
            }
            return values;
        } catch (IOException | IllegalArgumentException e) {
            reader.problem(KAFKA_CLIENT_CONFIG, file, "cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return Map.of();
        }
    }
}
