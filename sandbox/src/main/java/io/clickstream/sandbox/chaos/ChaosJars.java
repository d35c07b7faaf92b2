package io.clickstream.sandbox.chaos;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The runnable producer and consumer jars that a chaos run starts as child processes. */
public record ChaosJars(Path producer, Path consumer) {

    static final Path PRODUCER = Path.of("producer", "target", "clickstream-producer.jar");
    static final Path CONSUMER = Path.of("consumer", "target", "clickstream-consumer.jar");

    public ChaosJars {
        producer = producer.toAbsolutePath().normalize();
        consumer = consumer.toAbsolutePath().normalize();
    }

    /** The jars of the repository (or unpacked layout) at {@code root}: {@code producer/target/...}, {@code consumer/target/...}. */
    public static ChaosJars in(Path root) {
        return new ChaosJars(root.resolve(PRODUCER), root.resolve(CONSUMER));
    }

    /**
     * Finds the repository root: {@code rootOrNull} if given, else the working directory, its parent (when
     * run from the {@code sandbox} module) or the checkout the sandbox jar was built in.
     *
     * @throws IllegalStateException naming every place looked at, when no candidate holds both jars
     */
    public static ChaosJars locate(Path rootOrNull) {
        Set<Path> candidates = new LinkedHashSet<>();
        if (rootOrNull != null) {
            candidates.add(rootOrNull.toAbsolutePath().normalize());
        } else {
            Path cwd = Path.of("").toAbsolutePath();
            candidates.add(cwd);
            if (cwd.getParent() != null) {
                candidates.add(cwd.getParent());
            }
            candidates.addAll(checkoutOfThisJar());
        }
        List<String> looked = new ArrayList<>();
        for (Path root : candidates) {
            ChaosJars jars = in(root);
            if (Files.isRegularFile(jars.producer()) && Files.isRegularFile(jars.consumer())) {
                return jars;
            }
            looked.add(root.toString());
        }
        throw new IllegalStateException("no " + PRODUCER + " and " + CONSUMER + " under " + String.join(", ", looked)
                + ": build them with 'mvn -B -q install -DskipTests' and run from the repository root, or pass --jars");
    }

    /** sandbox/target/clickstream-sandbox.jar (or sandbox/target/classes) three or two levels below the root. */
    private static List<Path> checkoutOfThisJar() {
        try {
            var source = ChaosJars.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return List.of();
            }
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
            Path target = location.getParent(); // sandbox/target for the jar and for target/classes alike
            if (target == null || target.getParent() == null || target.getParent().getParent() == null) {
                return List.of();
            }
            return List.of(target.getParent().getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return List.of();
        }
    }
}
