package io.clickstream.sandbox.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The class-data archive the consumer's image starts with (see {@code Dockerfile.consumer}), made the same way
 * for the run's copy of the consumer jar: {@code ClassDataTraining} under {@code -XX:ArchiveClassesAtExit}. A
 * container restarted in place starts from its image, archive included, so the run's consumers start with it
 * too; without it a restart on two busy cores spends about two more seconds loading classes before it joins.
 */
final class ClassDataArchive {
    static final String FILE = "consumer.jsa";
    private static final Duration TRAINING_MAX = Duration.ofSeconds(90);

    private ClassDataArchive() {
    }

    /**
     * Makes the archive in {@code dir} and checks that the consumers' JVM ({@code jvmOptions}) maps it, as the
     * image's build does; empty (and the consumers start without one, as the jar does) if the training failed or
     * took too long or the archive does not map, with the reason in {@code dir/class-data-training.log}.
     */
    static Optional<Path> train(Path consumerJar, Path dir, List<String> jvmOptions) {
        Path archive = dir.resolve(FILE);
        Path log = dir.resolve("class-data-training.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> training = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-cp", consumerJar.toString(), "io.clickstream.consumer.ClassDataTraining"));
        List<String> check = new ArrayList<>(List.of(java));
        check.addAll(jvmOptions);
        check.addAll(List.of("-Xshare:on", option(archive), "-jar", consumerJar.toString(), "--version"));
        try {
            Files.createDirectories(dir);
            boolean made = run(training, log) && Files.isRegularFile(archive);
            if (made && run(check, log)) {
                return Optional.of(archive);
            }
            Files.deleteIfExists(archive); // the JVM writes one at exit whatever the training's outcome
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Runs {@code command} to its end (at most {@link #TRAINING_MAX}), appending its output to {@code log}. */
    private static boolean run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(TRAINING_MAX.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    /** The JVM option that maps it; the JVM falls back to no archive (and says so) if it does not match. */
    static String option(Path archive) {
        return "-XX:SharedArchiveFile=" + archive;
    }
}
