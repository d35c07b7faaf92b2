package io.clickstream.sandbox.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The hostile-input corpus in {@code src/test/resources/corpus}: one raw Kafka record value per file,
 * and {@code manifest.tsv} saying what the consumer must make of each (file, expected outcome, expected
 * {@code error.field}, description).
 */
final class Corpus {
    /** The manifest's expectations hold for this cap: the consumer's default {@code MAX_RECORD_BYTES=1MB}. */
    static final int MAX_RECORD_BYTES = 1 << 20;
    static final String VALID = "valid";
    static final String MANIFEST = "manifest.tsv";
    private static final String HEADER = "file\texpected\tfield\tdescription";
    /** Files in the folder that are not corpus entries. */
    private static final Set<String> NOT_ENTRIES = Set.of(MANIFEST, ".gitattributes");

    /** One kind of hostile input. {@code field} is {@code -} for valid entries, {@code $} for the record as a whole. */
    record Entry(String file, String expected, String field, String description) {
        boolean valid() {
            return VALID.equals(expected);
        }

        byte[] value() {
            try {
                return Files.readAllBytes(directory().resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException("corpus file " + file + " is listed in " + MANIFEST + " but unreadable", e);
            }
        }

        @Override
        public String toString() {
            return file + " -> " + expected + (valid() ? "" : " @ " + field);
        }
    }

    private Corpus() {
    }

    static Path directory() {
        URL url = Corpus.class.getResource("/corpus/" + MANIFEST);
        if (url == null) {
            throw new IllegalStateException("corpus/" + MANIFEST + " is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest's entries in file order; a line that is not four tab-separated columns fails loudly. */
    static List<Entry> entries() {
        List<String> lines;
        try {
            lines = Files.readAllLines(directory().resolve(MANIFEST), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new IllegalStateException(MANIFEST + " line " + (i + 1) + ": expected the header '" + HEADER + "'");
                }
                headerSeen = true;
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 4 || Stream.of(columns).anyMatch(String::isBlank)) {
                throw new IllegalStateException(MANIFEST + " line " + (i + 1) + " needs 4 non-empty columns: " + line);
            }
            entries.add(new Entry(columns[0], columns[1], columns[2], columns[3]));
        }
        return entries;
    }

    /** The names of the corpus files actually present, manifest excluded. */
    static Set<String> filesPresent() {
        try (Stream<Path> files = Files.list(directory())) {
            var names = new TreeSet<String>();
            files.map(p -> p.getFileName().toString()).filter(n -> !NOT_ENTRIES.contains(n)).forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
