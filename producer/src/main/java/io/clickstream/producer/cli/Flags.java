package io.clickstream.producer.cli;

import io.clickstream.common.config.Setting;
import io.clickstream.common.kafka.KafkaClientProperties;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line, built from the {@link Setting} constants so that every setting has exactly one
 * flag and the help text shows its environment variable and default. Parsing only collects values:
 * checking them is the config record's job, so an environment variable and a flag get the same checks.
 */
public final class Flags {

    /** What the command line asked for. */
    public sealed interface Parsed {
        /** Flag values by environment variable name, to put over the environment. */
        record Values(Map<String, String> values, Set<String> fromFlags) implements Parsed {
            public Values {
                values = Map.copyOf(values);
                fromFlags = Set.copyOf(fromFlags);
            }

            /** The environment with these values put over it. */
            public Map<String, String> over(Map<String, String> environment) {
                var merged = new HashMap<>(environment);
                merged.putAll(values);
                return merged;
            }
        }

        record HelpShown() implements Parsed {
        }

        /** @param message what is wrong, one line */
        record Invalid(String message) implements Parsed {
        }
    }

    private final CommandLine commandLine;
    private final Map<String, Setting> byFlag = new HashMap<>();

    public Flags(String name, String version, List<String> description, Collection<Setting> settings,
            Set<Setting> switches, List<String> footer) {
        CommandSpec spec = CommandSpec.create().name(name).version(version).mixinStandardHelpOptions(true);
        spec.usageMessage().description(escape(description)).footer(escape(footer)).sortOptions(false)
                .width(110).autoWidth(false).abbreviateSynopsis(true);
        for (Setting setting : settings) {
            var option = OptionSpec.builder(setting.flag())
                    .type(String.class)
                    .paramLabel(switches.contains(setting) ? "true|false" : label(setting))
                    .description(escape(describe(setting)));
            if (switches.contains(setting)) {
                option.arity("0..1").fallbackValue("true");
            }
            spec.addOption(option.build());
            byFlag.put(setting.flag(), setting);
        }
        if (settings.contains(KafkaClientProperties.KAFKA_CLIENT_CONFIG)) {
            spec.addOption(OptionSpec.builder(KafkaClientProperties.PROPERTY_FLAG).paramLabel("<name=value>")
                    .type(String[].class).arity("1").description(escape(KafkaClientProperties.PROPERTY_FLAG_DOC)).build());
        }
        this.commandLine = new CommandLine(spec);
    }

    /** @param out where --help and --version go */
    public Parsed parse(String[] args, PrintWriter out) {
        Objects.requireNonNull(args, "args");
        ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return new Parsed.Invalid(e.getMessage());
        }
        if (result.isUsageHelpRequested()) {
            commandLine.usage(out);
            out.flush();
            return new Parsed.HelpShown();
        }
        if (result.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            out.flush();
            return new Parsed.HelpShown();
        }
        var values = new HashMap<String, String>();
        var fromFlags = new HashSet<String>();
        for (OptionSpec option : result.matchedOptions()) {
            Setting setting = byFlag.get(option.longestName());
            if (setting != null) {
                values.put(setting.env(), option.getValue());
                fromFlags.add(setting.env());
            } else if (option.longestName().equals(KafkaClientProperties.PROPERTY_FLAG)) {
                for (String property : option.<String[]>getValue()) {
                    try {
                        var entry = KafkaClientProperties.fromFlag(property);
                        values.put(entry.getKey(), entry.getValue());
                        fromFlags.add(entry.getKey());
                    } catch (IllegalArgumentException e) {
                        return new Parsed.Invalid(e.getMessage());
                    }
                }
            }
        }
        return new Parsed.Values(values, fromFlags);
    }

    private static String describe(Setting setting) {
        return setting.doc() + " [env " + setting.env()
                + (setting.defaultValue() == null ? "" : ", default " + setting.defaultValue()) + "]";
    }

    private static String label(Setting setting) {
        String flag = setting.flag().substring(2);
        return "<" + flag + ">";
    }

    /** Picocli formats descriptions with String.format: a literal % must be doubled. */
    private static String[] escape(List<String> lines) {
        return lines.stream().map(Flags::escape).toArray(String[]::new);
    }

    private static String escape(String line) {
        return line.replace("%", "%%");
    }
}
