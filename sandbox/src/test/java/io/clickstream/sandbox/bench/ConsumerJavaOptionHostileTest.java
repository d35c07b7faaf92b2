package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox bench --consumer-java} given the wrong thing: an executable that is no java (or one too old for the
 * jar) exits before any partition is assigned, and the failure must say so rather than blame EXIT_WHEN_IDLE.
 */
class ConsumerJavaOptionHostileTest {
    @TempDir
    Path dir;

    private static final String IDLE_HINT = "raise --exit-when-idle";

    @Test
    void anExecutableThatPrintsNothingIsNamedAsTheSuspectNotEXIT_WHEN_IDLE() throws IOException {
        Path log = Files.writeString(dir.resolve("consumer-round1.log"), "");

        String message = ChildConsumer.exitedEarly(0, false, false, 0, "/bin/true", log);

        assertThat(message).startsWith("the consumer exited with 0 before committing everything")
                .contains("it printed nothing: is /bin/true a java that runs the jar?")
                .doesNotContain(IDLE_HINT);
    }

    @Test
    void aJavaTooOldForTheJarGetsItsOwnErrorInTheTailAndNoEXIT_WHEN_IDLEHint() throws IOException {
        String error = "java.lang.UnsupportedClassVersionError: io/clickstream/consumer/ConsumerMain has been compiled by a"
                + " more recent version of the Java Runtime (class file version 61.0)";
        Path log = Files.writeString(dir.resolve("consumer-round1.log"), "Error: LinkageError\n" + error + "\n");

        String message = ChildConsumer.exitedEarly(1, false, false, 2, "/opt/jdk11/bin/java", log);

        assertThat(message).contains("exited with 1").endsWith(error).doesNotContain(IDLE_HINT);
    }

    @Test
    void aConsumerThatLeftIdleBeforeItsAssignmentStillGetsTheEXIT_WHEN_IDLEHint() throws IOException {
        Path log = Files.writeString(dir.resolve("consumer-round1.log"),
                "... nothing arrived for PT5S (EXIT_WHEN_IDLE): flushing, committing and exiting\n");

        String message = ChildConsumer.exitedEarly(0, false, true, 1, "java", log);

        assertThat(message).contains("it was never assigned a partition").contains(IDLE_HINT);
    }

    @Test
    void aConsumerThatWasAssignedAndThenExitedGetsNoHint() throws IOException {
        Path log = Files.writeString(dir.resolve("consumer-round1.log"), "assigned\nstopping: S3 is gone\n");

        String message = ChildConsumer.exitedEarly(1, true, false, 2, "java", log);

        assertThat(message).doesNotContain(IDLE_HINT).doesNotContain("printed nothing").endsWith("stopping: S3 is gone");
    }

    @Test
    void anEmptyConsumerJavaMeansTheWorkingFolderAndIsRefusedAsAFolder() throws IOException {
        Path jar = Files.writeString(dir.resolve("consumer.jar"), "not really a jar");
        // picocli turns --consumer-java= into Path.of(""), which BenchCommand makes absolute: the working folder
        Path empty = Path.of("").toAbsolutePath();

        assertThatThrownBy(() -> new PipelineBench.Options(1_000, 2, 1, 42, PipelineBench.Mode.PROCESS, jar, List.of(),
                Map.of(), Duration.ofSeconds(5), 0, null, Duration.ofMinutes(1), null, empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--consumer-java: " + empty + " is not an executable file");
    }
}
