package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The training in a JVM whose heap the consumer refuses: it says so and stops, instead of training nothing. */
class ClassDataTrainingRefusalTest {

    @Test
    void aTrainingWhoseSettingsTheConsumerRefusesExitsTwoSayingWhyWithoutAStackTrace() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process training = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ClassDataTraining.class.getName()).redirectErrorStream(true).start();
        String out = new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(training.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(training.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("configuration error: BUFFER_MAX_BYTES: the JVM's maximum heap of 64 MB is too small")
                .contains("class-data training: stopped, because the consumer refused its settings")
                .doesNotContain("as expected").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
