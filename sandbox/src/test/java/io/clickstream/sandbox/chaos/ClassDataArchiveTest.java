package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's class-data archive falls back to none when it cannot be made; making one is {@code ClassDataArchiveIT}'s. */
class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aJarThatCannotBeTrainedGivesNoArchiveAndTheReasonIsInTheLog() {
        Path jar = StandInJar.write(dir); // no io.clickstream.consumer.ClassDataTraining in it

        var archive = ClassDataArchive.train(jar, dir.resolve("jars"), List.of("-Xmx64m"));

        assertThat(archive).isEmpty();
        assertThat(dir.resolve("jars").resolve("class-data-training.log")).exists()
                .content().contains("ClassDataTraining");
        assertThat(Files.exists(dir.resolve("jars").resolve(ClassDataArchive.FILE))).isFalse();
    }
}
