package io.clickstream.consumer.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.testing.FakeS3Client;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class BucketPreflightTest {

    private static S3Client answering(int status) {
        return new S3Client() {
            @Override
            public HeadBucketResponse headBucket(HeadBucketRequest request) {
                throw (S3Exception) S3Exception.builder().statusCode(status).message("HTTP " + status).build();
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void anExistingBucketIsReady() {
        assertThat(BucketPreflight.check(new FakeS3Client("lake"), "lake")).isInstanceOf(BucketPreflight.Outcome.Ready.class);
    }

    @Test
    void aMissingBucketIsAConfigurationErrorNamingS3Bucket() {
        var outcome = BucketPreflight.check(new FakeS3Client("lake"), "other");

        assertThat(outcome).isInstanceOf(BucketPreflight.Outcome.Misconfigured.class);
        assertThat(((BucketPreflight.Outcome.Misconfigured) outcome).message()).contains("'other'").contains("S3_BUCKET");
    }

    @Test
    void refusedCredentialsAreAConfigurationError() {
        for (int status : new int[] {401, 403}) {
            var outcome = BucketPreflight.check(answering(status), "lake");
            assertThat(outcome).isInstanceOf(BucketPreflight.Outcome.Misconfigured.class);
            assertThat(((BucketPreflight.Outcome.Misconfigured) outcome).message()).contains("AWS_ACCESS_KEY_ID");
        }
    }

    @Test
    void serverErrorsAndUnreachableEndpointsAreWorthRetrying() {
        var fake = new FakeS3Client("lake");
        fake.unavailable(true);
        assertThat(BucketPreflight.check(fake, "lake")).isInstanceOf(BucketPreflight.Outcome.Unavailable.class);
        assertThat(BucketPreflight.check(answering(500), "lake")).isInstanceOf(BucketPreflight.Outcome.Unavailable.class);

        S3Client unreachable = new S3Client() {
            @Override
            public HeadBucketResponse headBucket(HeadBucketRequest request) {
                throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
        var outcome = BucketPreflight.check(unreachable, "lake");
        assertThat(outcome).isInstanceOf(BucketPreflight.Outcome.Unavailable.class);
        assertThat(((BucketPreflight.Outcome.Unavailable) outcome).message()).contains("Connection refused");
    }
}
