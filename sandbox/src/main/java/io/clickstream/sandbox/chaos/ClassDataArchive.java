package io.clickstream.sandbox.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
     * Makes the archive in {@code dir}; empty (and the consumers start without one, as the jar does) if the
     * training failed or took too long, with the reason in {@code dir/class-data-training.log}.
     */
    static Optional<Path> train(Path consumerJar, Path dir) {
        Path archive = dir.resolve(FILE);
        Path log = dir.resolve("class-data-training.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", consumerJar.toString(), "io.clickstream.consumer.ClassDataTraining");
        try {
            Files.createDirectories(dir);
            Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!training.waitFor(TRAINING_MAX.toSeconds(), TimeUnit.SECONDS)) {
                training.destroyForcibly();
                return Optional.empty();
            }
            return training.exitValue() == 0 && Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The JVM option that maps it; the JVM falls back to no archive (and says so) if it does not match. */
    static String option(Path archive) {
        return "-XX:SharedArchiveFile=" + archive;
    }
}
