package io.clickstream.consumer;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the S3 client from the consumer's configuration. */
final class S3ClientFactory {

    private S3ClientFactory() {
    }

    static S3Client create(ConsumerConfig config) {
        AwsCredentialsProvider credentials = config.accessKeyId() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                // Checksums only where S3 requires them: S3-compatible servers differ in what they accept,
                // and the upload is verified by its ETag anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                // Short timeouts so an outage surfaces as a failed attempt quickly; the batch-level
                // backoff in the sink then takes over without blocking the poll loop.
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(30))
                        .maxConnections(32))
                .overrideConfiguration(o -> o
                        .retryStrategy(b -> b.maxAttempts(config.s3MaxAttempts()))
                        .apiCallTimeout(Duration.ofMinutes(5)));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }
}
