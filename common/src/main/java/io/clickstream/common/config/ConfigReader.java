package io.clickstream.common.config;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads typed values from the environment merged with CLI overrides, collecting every problem
 * instead of stopping at the first. Call {@link #throwIfInvalid()} once all values are read.
 *
 * <p>A variable that is set but empty (or blank) is a mistake, not a request for the default: it is what
 * {@code S3_BUCKET=} in an env file or {@code ${S3_BUCKET:-}} in a compose file gives when the value
 * was forgotten, and silently running against the default bucket or topic hides it. The few settings
 * whose empty value means something are read with {@link #stringAllowEmpty}.
 */
public final class ConfigReader {
    private final Map<String, String> values;
    private final Set<String> fromFlags;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> settingsWithProblems = new HashSet<>();
    /** Settings already reported as empty: a setting may be read more than once, its problem is one line. */
    private final Set<String> reportedEmpty = new HashSet<>();

    /**
     * @param values environment variables, with flag values already put over them under the same names
     * @param fromFlags the names whose value came from a flag, so a message can name the flag
     */
    public ConfigReader(Map<String, String> values, Set<String> fromFlags) {
        this.values = Map.copyOf(values);
        this.fromFlags = Set.copyOf(fromFlags);
    }

    public static ConfigReader ofEnvironment(Map<String, String> env) {
        return new ConfigReader(env, Set.of());
    }

    /**
     * The value, trimmed, or the default when the variable is unset. A blank value is reported as a
     * problem; reading goes on with the default, so that one mistake is one line.
     */
    public Optional<String> raw(Setting setting) {
        String value = values.get(setting.env());
        if (value == null) {
            return Optional.ofNullable(setting.defaultValue());
        }
        if (value.isBlank()) {
            reportEmpty(setting);
            return Optional.ofNullable(setting.defaultValue());
        }
        return Optional.of(value.trim());
    }

    /**
     * For the settings whose empty value is documented to mean something (e.g. {@code DLQ_TOPIC=} turns
     * the dead-letter topic off): an explicitly empty or blank value stays empty; unset gives the default.
     */
    public String stringAllowEmpty(Setting setting) {
        String value = values.get(setting.env());
        if (value == null) {
            return setting.defaultValue() == null ? "" : setting.defaultValue();
        }
        return value.trim();
    }

    public String string(Setting setting) {
        return raw(setting).orElse(null);
    }

    public String required(Setting setting) {
        Optional<String> value = raw(setting);
        if (value.isEmpty()) {
            if (!reportedEmpty.contains(setting.env())) {
                problem(setting, null, "is required");
            }
            return null;
        }
        return value.get();
    }

    public int integer(Setting setting, int min, int max) {
        return (int) longValue(setting, min, max);
    }

    public long longValue(Setting setting, long min, long max) {
        String text = raw(setting).orElse(null);
        if (text == null) {
            return min;
        }
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value < min || value > max) {
                problem(setting, text, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            problem(setting, text, "is not an integer; expected " + min + ".." + max);
            return min;
        }
    }

    public double fraction(Setting setting) {
        String text = raw(setting).orElse("0");
        try {
            double value = Double.parseDouble(text);
            if (!(value >= 0.0 && value <= 1.0)) {
                problem(setting, text, "must be a fraction between 0 and 1");
            }
            return value;
        } catch (NumberFormatException e) {
            problem(setting, text, "is not a number; expected a fraction between 0 and 1");
            return 0.0;
        }
    }

    public Duration duration(Setting setting, Duration min, Duration max) {
        String text = raw(setting).orElse(null);
        if (text == null) {
            return min;
        }
        Optional<Duration> parsed = Units.parseDuration(text);
        if (parsed.isEmpty()) {
            problem(setting, text, "is not a duration; use e.g. 500ms, 30s, 5m, 1h or PT30S");
            return min;
        }
        Duration value = parsed.get();
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problem(setting, text, "must be between " + human(min) + " and " + human(max));
        }
        return value;
    }

    public long bytes(Setting setting, long min, long max) {
        String text = raw(setting).orElse(null);
        if (text == null) {
            return min;
        }
        Optional<Long> parsed = Units.parseBytes(text);
        if (parsed.isEmpty()) {
            problem(setting, text, "is not a size; use e.g. 1048576, 512KB, 64MB or 1GB");
            return min;
        }
        long value = parsed.get();
        if (value < min || value > max) {
            problem(setting, text, "must be between " + Units.formatBytes(min) + " and " + Units.formatBytes(max));
        }
        return value;
    }

    /** An ISO-8601 instant with offset (e.g. {@code 2000-01-01T00:00:00Z}), or null when unset. */
    public Instant instant(Setting setting, Instant min, Instant max) {
        String text = raw(setting).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            Instant value = OffsetDateTime.parse(text).toInstant();
            if (value.isBefore(min) || value.isAfter(max)) {
                problem(setting, text, "must be between " + min + " and " + max);
            }
            return value;
        } catch (DateTimeParseException e) {
            problem(setting, text, "is not an ISO-8601 time with offset, e.g. 2000-01-01T00:00:00Z");
            return null;
        }
    }

    public <E extends Enum<E>> E choice(Setting setting, Class<E> type) {
        String text = raw(setting).orElse(null);
        E[] constants = type.getEnumConstants();
        if (text == null) {
            return constants[0];
        }
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return constant;
            }
        }
        problem(setting, text, "must be one of " + Arrays.stream(constants)
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        return constants[0];
    }

    /** Records a problem the caller found (e.g. a cross-field rule). */
    public void problem(Setting setting, String value, String message) {
        String name = fromFlags.contains(setting.env())
                ? setting.flag() + " (" + setting.env() + ")"
                : setting.env();
        String shown = value == null ? "" : "=" + (isSecret(setting) ? "****" : abbreviate(value));
        problems.add(name + shown + ": " + message);
        settingsWithProblems.add(setting.env());
    }

    /** Whether a problem of {@code setting} was recorded already (say, its value is not a size). */
    public boolean hasProblem(Setting setting) {
        return settingsWithProblems.contains(setting.env());
    }

    /**
     * Records a problem of a variable that is not a {@link Setting} of its own, such as one of a family
     * ({@code KAFKA_CLIENT_<NAME>}); {@code shownValue} is what may be printed ({@code null} for nothing).
     */
    public void problem(String variable, String shownValue, String message) {
        problems.add(variable + (shownValue == null ? "" : "=" + abbreviate(shownValue)) + ": " + message);
    }

    /** Whether {@code variable}'s value came from a flag. */
    public boolean fromFlag(String variable) {
        return fromFlags.contains(variable);
    }

    /** The variables whose name starts with {@code prefix}, for families of settings such as {@code KAFKA_CLIENT_*}. */
    public Map<String, String> withPrefix(String prefix) {
        var found = new java.util.TreeMap<String, String>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name, value);
            }
        });
        return found;
    }

    private void reportEmpty(Setting setting) {
        if (reportedEmpty.add(setting.env())) {
            problem(setting, null, setting.defaultValue() == null
                    ? "is set but empty; give it a value or unset it"
                    : "is set but empty; give it a value, or unset it for the default (" + setting.defaultValue() + ")");
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static boolean isSecret(Setting setting) {
        String env = setting.env();
        return env.contains("SECRET") || env.contains("PASSWORD") || env.contains("TOKEN");
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** Short, and on one line: a control character in a value must not split or forge a log line. */
    private static String abbreviate(String value) {
        String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
    }
}
