package io.clickstream.consumer;

import io.clickstream.consumer.s3.AwsRegionChain;
import io.clickstream.consumer.s3.ObjectSettingsInterceptor;
import java.time.Duration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.DelegatingS3Client;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the S3 client from the consumer's configuration. */
final class S3ClientFactory {

    private S3ClientFactory() {
    }

    /**
     * @throws ConsumerApp.StartupException when no region can be found for AWS itself
     */
    static S3Client create(ConsumerConfig config) {
        Region region = AwsRegionChain.resolve(config.region(), config.endpoint()).orElseThrow(() ->
                new ConsumerApp.StartupException("no AWS region: set AWS_REGION (or --region), or a region in the "
                        + "AWS profile; none was found in the environment, the profile or the instance metadata"));
        AwsCredentialsChain credentials = AwsCredentialsChain.of(config, region);
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials.provider())
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
                .overrideConfiguration(o -> {
                    o.retryStrategy(b -> b.maxAttempts(config.s3MaxAttempts()))
                            .apiCallTimeout(Duration.ofMinutes(5));
                    if (!config.objectSettings().isEmpty()) {
                        // Encryption, storage class, tags and ACL become headers of every PutObject.
                        o.addExecutionInterceptor(new ObjectSettingsInterceptor(config.objectSettings()));
                    }
                });
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        S3Client client = builder.build();
        // The client does not close a credentials provider it was given; this one may hold an STS client.
        return new DelegatingS3Client(client) {
            @Override
            public void close() {
                try {
                    super.close();
                } finally {
                    credentials.close();
                }
            }
        };
    }
}
