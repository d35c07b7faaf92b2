package io.clickstream.sandbox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;

/**
 * The end-to-end scenario, one definition for every environment (embedded stack here, Kafka and
 * LocalStack containers in {@code *ContainerIT}): produce events with some invalid ones, consume
 * them into the lake, then check the lake with readers independent of our writer.
 */
public final class EndToEndScenario {

    private EndToEndScenario() {
    }

    public static VerifierReport runAndVerify(Endpoints endpoints, RunOptions options) {
        RunResult result = PipelineRun.run(endpoints, options);

        assertThat(result.failed()).as("events the producer could not deliver").isZero();
        assertThat(result.produced()).isEqualTo(options.events());
        assertThat(result.consumer().valid() + result.consumer().invalid())
                .as("valid + invalid records seen by the consumer").isGreaterThanOrEqualTo(options.events());

        VerifierReport report;
        try (var s3 = endpoints.newS3Client()) {
            report = LakeVerifier.verify(new LakeVerifier.Target(endpoints.kafkaBootstrap(), options.topic(),
                    options.dlqTopic(), s3, options.bucket(), options.prefix(), LakeVerifier.HourSource.INGESTED_AT));
        }
        assertThat(report.schemaProblems()).as("schema problems").isEmpty();
        assertThat(report.duplicateOffsets()).as("(partition, offset) pairs in the lake twice").isZero();
        assertThat(report.missingOffsets()).as("offsets in neither the lake nor the DLQ: " + report.missingSamples()).isZero();
        assertThat(report.rowsInWrongHour()).as("rows outside the hour folder of their ingested_at").isZero();
        assertThat(report.expectedOffsets()).isEqualTo(options.events());
        assertThat(report.rows()).as("one row per valid event").isEqualTo(result.consumer().valid());
        assertThat(report.rows() + report.deadLetters()).isEqualTo(options.events());
        if (options.invalidRatio() > 0) {
            assertThat(report.deadLetters()).as("invalid records dead-lettered").isPositive();
        }
        return report;
    }
}
