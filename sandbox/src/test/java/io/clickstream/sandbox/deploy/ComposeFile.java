package io.clickstream.sandbox.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml as SnakeYAML reads it, with the few views the tests need. */
record ComposeFile(Map<String, Object> root) {
    private static final Pattern WITH_DEFAULT = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):-([^}]*)}");

    static ComposeFile load() {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(RepoFiles.read("docker-compose.yml"));
        return new ComposeFile(root);
    }

    Set<String> serviceNames() {
        return map(root, "services").keySet();
    }

    Map<String, Object> service(String name) {
        var services = map(root, "services");
        if (!services.containsKey(name)) {
            throw new NoSuchElementException("no service " + name + " in docker-compose.yml");
        }
        return map(services, name);
    }

    String image(String service) {
        return (String) service(service).get("image");
    }

    /** The {@code environment:} of a service, in either of its forms (map, or list of NAME=value). */
    Map<String, String> environment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String[] kv = String.valueOf(item).split("=", 2);
                result.put(kv[0], kv.length == 2 ? kv[1] : null);
            }
        }
        return result;
    }

    /** {@code depends_on} as service name to condition ({@code service_started} for the short form). */
    Map<String, String> dependsOn(String service) {
        Object deps = service(service).get("depends_on");
        Map<String, String> result = new LinkedHashMap<>();
        if (deps instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k),
                    v instanceof Map<?, ?> c && c.get("condition") != null ? String.valueOf(c.get("condition")) : "service_started"));
        } else if (deps instanceof List<?> list) {
            list.forEach(d -> result.put(String.valueOf(d), "service_started"));
        }
        return result;
    }

    List<String> list(String service, String key) {
        Object value = service(service).get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    Map<String, Object> healthcheck(String service) {
        Object hc = service(service).get("healthcheck");
        return hc instanceof Map<?, ?> ? map(service(service), "healthcheck") : Map.of();
    }

    Map<String, Object> build(String service) {
        return map(service(service), "build");
    }

    Set<String> namedVolumes() {
        Object volumes = root.get("volumes");
        return volumes instanceof Map<?, ?> ? map(root, "volumes").keySet() : Set.of();
    }

    /** What {@code ${NAME:-default}} expressions in a value become when NAME is set nowhere (no .env, no shell). */
    static String withDefaults(String value) {
        return WITH_DEFAULT.matcher(value).replaceAll(m -> m.group(2));
    }

    /** The variable a {@code ${NAME:-default}} value is read from, or null for a plain value. */
    static String variableOf(String value) {
        var m = WITH_DEFAULT.matcher(value);
        return m.find() ? m.group(1) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?>)) {
            throw new NoSuchElementException("'" + key + "' is not a mapping in docker-compose.yml");
        }
        return (Map<String, Object>) value;
    }
}
