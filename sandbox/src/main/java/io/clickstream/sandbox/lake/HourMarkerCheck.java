package io.clickstream.sandbox.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks every marked hour of a downloaded lake: its {@code _manifest.json} lists exactly the hour folder's
 * Parquet files (apart from the orphans it names), and each file holds the rows and offsets the manifest
 * says. A file in a marked folder that its manifest does not list means the hour was marked before all its
 * records were in. Run after everything is committed, as {@code sandbox verify} and the chaos run do.
 */
final class HourMarkerCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int markedHours, List<String> problems) {
    }

    private HourMarkerCheck() {
    }

    static Result check(Path root, LakeQuery lake) {
        var problems = new ArrayList<String>();
        int marked = 0;
        for (Path manifest : manifests(root)) {
            Path folder = manifest.getParent();
            String hour = root.relativize(folder).toString();
            if (!Files.exists(folder.resolve("_SUCCESS"))) {
                continue; // written, but the _SUCCESS after it not yet: not marked
            }
            marked++;
            try {
                checkHour(folder, hour, JSON.readTree(manifest.toFile()), lake, problems);
            } catch (IOException e) {
                problems.add(hour + ": _manifest.json does not parse: " + e.getMessage());
            }
        }
        try (Stream<Path> successes = Files.walk(root)) {
            successes.filter(p -> p.getFileName().toString().equals("_SUCCESS"))
                    .filter(p -> !Files.exists(p.resolveSibling("_manifest.json")))
                    .forEach(p -> problems.add(root.relativize(p.getParent()) + ": _SUCCESS without _manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(marked, problems);
    }

    private static void checkHour(Path folder, String hour, JsonNode manifest, LakeQuery lake, List<String> problems)
            throws IOException {
        Set<String> listed = new HashSet<>();
        long rows = 0;
        for (JsonNode file : manifest.path("files")) {
            String name = leaf(file.path("key").asText());
            listed.add(name);
            rows += file.path("rows").asLong();
            Path path = folder.resolve(name);
            if (!Files.exists(path)) {
                problems.add(hour + ": the manifest lists " + name + ", which is not in the folder");
                continue;
            }
            List<Object> actual = lake.rows("SELECT count(*), min(kafka_offset), max(kafka_offset), min(kafka_partition) "
                    + "FROM read_parquet('" + path.toAbsolutePath().toString().replace("'", "''") + "')").get(0);
            long[] expected = {file.path("rows").asLong(), file.path("first_offset").asLong(), file.path("last_offset").asLong(),
                    file.path("kafka_partition").asLong()};
            for (int i = 0; i < expected.length; i++) {
                if (((Number) actual.get(i)).longValue() != expected[i]) {
                    problems.add(hour + ": " + name + " holds (rows, first offset, last offset, partition) " + actual
                            + ", its manifest says " + java.util.Arrays.toString(expected));
                    break;
                }
            }
        }
        Set<String> orphans = new HashSet<>();
        manifest.path("orphans").forEach(o -> orphans.add(leaf(o.path("key").asText())));
        manifest.path("foreign").forEach(k -> orphans.add(leaf(k.asText())));
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet"))
                    .filter(n -> !listed.contains(n) && !orphans.contains(n))
                    .forEach(n -> problems.add(hour + ": " + n + " is in the folder but not in its manifest "
                            + "(the hour was marked before all its records were in)"));
        }
        if (manifest.path("totals").path("rows").asLong() != rows) {
            problems.add(hour + ": the manifest's total rows " + manifest.path("totals").path("rows").asLong()
                    + " differ from the sum of its files' " + rows);
        }
    }

    private static List<Path> manifests(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals("_manifest.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
