package io.clickstream.sandbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.testing.JarProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive the Docker image makes: the training run of the consumer jar leaves one, and the jar
 * started with it maps it ({@code -Xshare:on} refuses to start otherwise) and loads its classes from it.
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

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path dir, String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
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
