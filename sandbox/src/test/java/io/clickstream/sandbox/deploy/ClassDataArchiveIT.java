package io.clickstream.sandbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.testing.JarProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up caches of the consumer jar, made by its training run ({@code ClassDataTraining}): Java 17's class-data
 * archive (for the jar started by hand), and Java 25's AOT cache, which the Docker image makes at build time. Each
 * time the training leaves nothing behind but the file, and the jar started with it maps it ({@code -Xshare:on} and
 * {@code -XX:AOTMode=on} refuse to start otherwise) and loads its classes from it.
 */
class ClassDataArchiveIT {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theTrainingRunLeavesAnArchiveTheConsumerJarStartsWith(@TempDir Path dir) throws Exception {
        Path jar = JarProcesses.CONSUMER_JAR.toAbsolutePath().normalize();
        Path archive = dir.resolve("clickstream-consumer.jsa");

        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Run training = run(dir, "training", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-Djava.io.tmpdir=" + tmp, "-cp", jar.toString(),
                "io.clickstream.consumer.ClassDataTraining");

        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(training.output()).contains("class-data training: done");
        try (var left = Files.list(tmp)) {
            // In the image it runs as root: a folder it left, such as the default spool folder, would be root's.
            assertThat(left.toList()).as("what the training left in its temporary folder").isEmpty();
        }
        assertThat(Files.size(archive)).as("archive size").isGreaterThan(10L << 20);

        Run withArchive = run(dir, "with-archive", "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
                "-Xlog:class+load=info", "-jar", jar.toString(), "--version");

        assertThat(withArchive.exitCode()).as(withArchive.output()).isZero();
        assertThat(withArchive.output()).contains("clickstream-consumer");
        assertThat(withArchive.output().lines().filter(l -> l.contains("io.clickstream.consumer.ConsumerMain ")))
                .as("where ConsumerMain came from").singleElement().asString().contains("shared objects file (top)");
    }

    /**
     * What the image's build does, with the image's options: the cache holds only for the same module options, so
     * the training and the start both say {@code --enable-native-access}. Skipped without a Java 25 on this machine
     * ({@code JAVA_25_HOME}, or a {@code /usr/lib/jvm/temurin-25-*} or {@code java-25-openjdk-*} folder).
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void onJava25TheTrainingRunLeavesAnAotCacheTheConsumerJarStartsWith(@TempDir Path dir) throws Exception {
        Path java25 = java25();
        Assumptions.assumeTrue(java25 != null, "no Java 25 here (JAVA_25_HOME, /usr/lib/jvm/temurin-25-*)");
        Path jar = JarProcesses.CONSUMER_JAR.toAbsolutePath().normalize();
        Path cache = dir.resolve("clickstream-consumer.aot");

        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Run training = run(java25, dir, "aot-training", "-XX:AOTCacheOutput=" + cache, "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp, "-cp", jar.toString(), "io.clickstream.consumer.ClassDataTraining");

        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(training.output()).contains("class-data training: done");
        try (var left = Files.list(tmp)) {
            assertThat(left.toList()).as("what the training left in its temporary folder").isEmpty();
        }
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("what the training left next to the cache").containsExactly("aot-training.log", "clickstream-consumer.aot", "tmp");
        }
        assertThat(Files.size(cache)).as("cache size").isGreaterThan(10L << 20);

        Run withCache = run(java25, dir, "with-cache", "-XX:AOTMode=on", "-XX:AOTCache=" + cache,
                "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info", "-jar", jar.toString(), "--version");

        assertThat(withCache.exitCode()).as(withCache.output()).isZero();
        assertThat(withCache.output()).contains("clickstream-consumer").doesNotContain("WARNING: A restricted method");
        assertThat(withCache.output().lines().filter(l -> l.contains("io.clickstream.consumer.ConsumerMain ")))
                .as("where ConsumerMain came from").singleElement().asString().contains("shared objects file");
    }

    /** A Java 25's {@code java}, or null. */
    private static Path java25() throws IOException {
        String home = System.getenv("JAVA_25_HOME");
        List<Path> candidates = new ArrayList<>();
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (var folders = Files.list(jvms)) {
                folders.filter(p -> p.getFileName().toString().matches("(temurin-25|java-25-openjdk)-.*")).sorted()
                        .forEach(candidates::add);
            }
        }
        return candidates.stream().map(p -> p.resolve("bin").resolve("java")).filter(Files::isExecutable).findFirst()
                .orElse(null);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path dir, String name, String... arguments) throws IOException, InterruptedException {
        return run(Path.of(System.getProperty("java.home"), "bin", "java"), dir, name, arguments);
    }

    private static Run run(Path java, Path dir, String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(List.of(arguments));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end within 90 s: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}
