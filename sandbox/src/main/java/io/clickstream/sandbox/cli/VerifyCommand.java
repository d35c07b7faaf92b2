package io.clickstream.sandbox.cli;

import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.pipeline.Endpoints;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a lake against its topic: no duplicate and no missing offsets, right hour folders, right schema. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Read every object under the prefix (over the S3 API, with DuckDB) and the topic's offsets, and "
                + "report rows, files, duplicate (partition, offset) pairs, offsets in neither the lake nor the "
                + "dead-letter topic, rows in the wrong hour folder and schema problems. Exit 0 only when all hold. "
                + "Kafka and S3 come from KAFKA_BROKER, AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, "
                + "AWS_DEFAULT_REGION.")
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--bucket", defaultValue = "${env:S3_BUCKET:-clickstream-bucket}", description = "Bucket (default: ${DEFAULT-VALUE})")
    String bucket;

    @Option(names = "--prefix", defaultValue = "${env:S3_PREFIX:-clickstream}", description = "Lake prefix (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--topic", defaultValue = "${env:KAFKA_TOPIC:-clickstream}", description = "Source topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--dlq-topic", defaultValue = "${env:DLQ_TOPIC:-clickstream-dlq}",
            description = "Dead-letter topic; empty = none (default: ${DEFAULT-VALUE})")
    String dlqTopic;

    @Option(names = "--partition-time", defaultValue = "ingestion", description = "ingestion or event: what the hour folders follow")
    String partitionTime;

    @Override
    public Integer call() {
        String kafka = env("KAFKA_BROKER", "localhost:9092");
        String endpoint = env("AWS_ENDPOINT_URL", "http://localhost:4566");
        var endpoints = new Endpoints(kafka, URI.create(endpoint), env("AWS_ACCESS_KEY_ID", "test"),
                env("AWS_SECRET_ACCESS_KEY", "test"), env("AWS_DEFAULT_REGION", "us-east-1"));
        try (var s3 = endpoints.newS3Client()) {
            VerifierReport report = LakeVerifier.verify(new LakeVerifier.Target(kafka, topic,
                    dlqTopic == null || dlqTopic.isBlank() ? null : dlqTopic, s3, bucket, prefix,
                    "event".equalsIgnoreCase(partitionTime) ? LakeVerifier.HourSource.TIMESTAMP
                            : LakeVerifier.HourSource.INGESTED_AT));
            System.out.println("lake s3://" + bucket + "/" + prefix + "/ against topic " + topic);
            System.out.println(report.describe());
            return report.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("sandbox verify failed: " + e.getMessage());
            return 1;
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }
}
