package io.clickstream.common.config;

import java.util.Objects;

/**
 * One configuration key: its environment variable, the CLI flag that overrides it, its default
 * ({@code null} = required or unset) and one line of documentation. The README's configuration
 * table is checked against these constants.
 */
public record Setting(String env, String flag, String defaultValue, String doc) {
    public Setting {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(doc, "doc");
        if (!flag.startsWith("--")) {
            throw new IllegalArgumentException("flag must start with --: " + flag);
        }
    }
}
