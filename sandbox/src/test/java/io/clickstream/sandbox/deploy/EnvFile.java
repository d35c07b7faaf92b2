package io.clickstream.sandbox.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An env file as compose reads it: {@code NAME=value} lines are set, and a commented-out
 * {@code # NAME=value} line documents a setting left at its default (or shows an example).
 * Every other {@code #} line is prose.
 */
record EnvFile(Map<String, String> values, Map<String, String> commented, List<String> repeated) {
    private static final Pattern SET = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    private static final Pattern COMMENTED_OUT = Pattern.compile("#\\s*([A-Z][A-Z0-9_]*)=(.*)");

    static EnvFile parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> commented = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            var set = SET.matcher(line);
            var off = COMMENTED_OUT.matcher(line);
            if (set.matches()) {
                if (values.put(set.group(1), set.group(2)) != null || commented.containsKey(set.group(1))) {
                    repeated.add(set.group(1));
                }
            } else if (off.matches()) {
                if (commented.put(off.group(1), off.group(2)) != null || values.containsKey(off.group(1))) {
                    repeated.add(off.group(1));
                }
            }
        }
        return new EnvFile(values, commented, repeated);
    }

    /** Every name the file mentions, set or commented out. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>(values.keySet());
        names.addAll(commented.keySet());
        return names;
    }
}
