package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.testing.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training in a JVM whose heap the consumer refuses: it says so and stops, instead of training nothing. */
class ClassDataTrainingRefusalTest {

    @Test
    void aTrainingWhoseSettingsTheConsumerRefusesExitsTwoSayingWhyWithoutAStackTrace() throws Exception {
        ChildJvm.Result training = ChildJvm.run(List.of("-Xmx64m"), ClassDataTraining.class);
        String out = training.output();

        assertThat(training.exitCode()).as(out).isEqualTo(2);
        assertThat(out).contains("configuration error: BUFFER_MAX_BYTES: the JVM's maximum heap of 64 MB is too small")
                .contains("class-data training: stopped, because the consumer refused its settings")
                .doesNotContain("as expected").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
