package io.clickstream.common.cli;

import io.clickstream.common.config.Setting;
import io.clickstream.common.kafka.KafkaClientProperties;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A picocli command line built from an app's {@link Setting}s: one {@code --flag VALUE} per
 * setting, documented with its environment variable and default, so flags and variables can
 * never drift apart. A flag's value is put over the environment under the variable's name.
 */
public final class SettingsCommandLine {

    /** The outcome of parsing: either values to run with, or an exit code (help shown, usage error). */
    public sealed interface Parsed {
        record Run(Map<String, String> values, Set<String> fromFlags) implements Parsed {
        }

        record Exit(int code) implements Parsed {
        }
    }

    private SettingsCommandLine() {
    }

    public static Parsed parse(String name, String description, String version, List<Setting> settings,
            Map<String, String> env, String[] args, PrintWriter out, PrintWriter err) {
        CommandSpec spec = CommandSpec.create().name(name).version(version).mixinStandardHelpOptions(true);
        spec.usageMessage().description(description).sortOptions(false)
                .footerHeading("%nEvery option can also be set by the environment variable shown; the flag wins.%n");
        for (Setting s : settings) {
            spec.addOption(OptionSpec.builder(s.flag())
                    .paramLabel(s.env())
                    .type(String.class)
                    .description(s.doc() + (s.defaultValue() == null ? "" : " (default: " + s.defaultValue() + ")"))
                    .build());
        }
        // An app that takes KAFKA_CLIENT_CONFIG takes KAFKA_CLIENT_<NAME> too, and this is their flag.
        boolean kafkaProperties = settings.contains(KafkaClientProperties.KAFKA_CLIENT_CONFIG);
        if (kafkaProperties) {
            spec.addOption(OptionSpec.builder(KafkaClientProperties.PROPERTY_FLAG).paramLabel("NAME=VALUE")
                    .type(String[].class).arity("1").description(KafkaClientProperties.PROPERTY_FLAG_DOC).build());
        }
        var commandLine = new CommandLine(spec).setOut(out).setErr(err);
        try {
            var result = commandLine.parseArgs(args);
            if (CommandLine.printHelpIfRequested(result)) {
                return new Parsed.Exit(0);
            }
            Map<String, String> values = new HashMap<>(env);
            Set<String> fromFlags = new HashSet<>();
            for (Setting s : settings) {
                if (result.hasMatchedOption(s.flag())) {
                    values.put(s.env(), result.matchedOptionValue(s.flag(), ""));
                    fromFlags.add(s.env());
                }
            }
            if (kafkaProperties) {
                for (String property : result.matchedOptionValue(KafkaClientProperties.PROPERTY_FLAG, new String[0])) {
                    try {
                        var entry = KafkaClientProperties.fromFlag(property);
                        values.put(entry.getKey(), entry.getValue());
                        fromFlags.add(entry.getKey());
                    } catch (IllegalArgumentException e) {
                        throw new CommandLine.ParameterException(commandLine, e.getMessage());
                    }
                }
            }
            return new Parsed.Run(values, fromFlags);
        } catch (CommandLine.ParameterException e) {
            err.println(name + ": " + e.getMessage());
            err.println("Try '" + name + " --help' for the options.");
            err.flush();
            return new Parsed.Exit(2);
        }
    }

    /** Usage text width: keep help readable in narrow terminals. */
    static {
        System.setProperty("picocli.usage.width", System.getProperty("picocli.usage.width", "110"));
        UsageMessageSpec.class.getName();
    }
}
