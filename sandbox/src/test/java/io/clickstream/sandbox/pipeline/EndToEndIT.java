package io.clickstream.sandbox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole pipeline on a real broker and a real S3 endpoint, checked by DuckDB over the S3 API. */
class EndToEndIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void everyProducedEventEndsUpOnceInTheLakeOrTheDeadLetterTopic() {
        var options = new RunOptions(20_000, 0, 0.02, 7L, "e2e", "e2e-dlq", "e2e-bucket", "lake", "e2e-group",
                Duration.ofSeconds(2), Duration.ofMinutes(3));
        STACK.kafka().createTopic(options.topic(), 6);
        STACK.kafka().createTopic(options.dlqTopic(), 1);
        STACK.s3().createBucket(options.bucket());

        VerifierReport report = EndToEndScenario.runAndVerify(new EmbeddedEndpoints(STACK).get(), options);

        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(report.files()).isPositive();
    }
}
