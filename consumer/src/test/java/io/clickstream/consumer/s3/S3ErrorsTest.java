package io.clickstream.consumer.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {

    private static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @ParameterizedTest(name = "{1} (HTTP {0}) is permanent: {2}")
    @CsvSource({
        "403, AccessDenied, true",
        "404, NoSuchBucket, true",
        "400, InvalidBucketName, true",
        "400, InvalidRequest, true",
        "403, InvalidAccessKeyId, true",
        "403, SignatureDoesNotMatch, true",
        "400, ExpiredToken, false",
        "403, RequestTimeTooSkewed, false",
        "400, RequestTimeout, false",
        "503, SlowDown, false",
        "500, InternalError, false",
        "503, ServiceUnavailable, false",
        "412, PreconditionFailed, false",
        "409, ConditionalRequestConflict, false",
        "429, SomethingNew, false",
        "418, SomethingNew, true",
        "502, SomethingNew, false"})
    void errorsAreToldApartByTheirCodeFirstAndTheirStatusSecond(int status, String code, boolean permanent) {
        assertThat(S3Errors.isPermanent(s3(status, code))).isEqualTo(permanent);
        assertThat(S3Errors.isPermanent(new S3Uploader.UploadException("failed", s3(status, code)))).as("wrapped")
                .isEqualTo(permanent);
    }

    @Test
    void connectionsThatFailAreOutages() {
        assertThat(S3Errors.isPermanent(SdkClientException.create("refused", new ConnectException("refused")))).isFalse();
        assertThat(S3Errors.isPermanent(new IllegalStateException("no idea"))).isFalse();
    }

    @Test
    void aFailureIsDescribedByItsCodeAndStatus() {
        assertThat(S3Errors.describe(new S3Uploader.UploadException("x", s3(403, "AccessDenied"))))
                .isEqualTo("AccessDenied (HTTP 403)");
        assertThat(S3Errors.describe(SdkClientException.create("refused"))).isEqualTo("SdkClientException");
    }
}
