package io.clickstream.sandbox.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Files of the checkout. Maven runs the sandbox's tests in sandbox/, one folder below the root. */
final class RepoFiles {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern PROFILES = Pattern.compile("(?s)<profiles>.*?</profiles>");

    private RepoFiles() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " in " + ROOT, e);
        }
    }

    static EnvFile envExample() {
        return EnvFile.parse(read(".env.example"));
    }

    /**
     * The modules of the parent pom's default build: Maven reads all of them, even for {@code -pl one -am}.
     * Modules of a profile (such as {@code bench}) are read only when that profile is active.
     */
    static List<String> modules() {
        String pom = PROFILES.matcher(read("pom.xml")).replaceAll("");
        return MODULE.matcher(pom).results().map(m -> m.group(1)).toList();
    }
}
