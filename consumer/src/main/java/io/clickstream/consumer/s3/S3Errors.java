package io.clickstream.consumer.s3;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Tells an S3 failure that will not heal by waiting (a refused credential, a missing bucket, a
 * request S3 calls invalid) from an outage, by S3's error code rather than by HTTP status alone:
 * {@code ExpiredToken} and {@code RequestTimeTooSkewed} are 400s that heal (credentials refresh,
 * clocks resync), and throttling can come as a 503 or a 400.
 */
public final class S3Errors {
    /** Codes that no retry fixes: the configuration, the credentials or the request is wrong. */
    private static final Set<String> PERMANENT = Set.of(
            "AccessDenied", "AllAccessDisabled", "AccountProblem", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "NoSuchBucket", "InvalidBucketName", "InvalidRequest", "InvalidArgument", "InvalidStorageClass",
            "InvalidEncryptionAlgorithmError", "KMS.AccessDeniedException", "KMS.DisabledException",
            "KMS.NotFoundException", "EntityTooLarge", "MethodNotAllowed", "NotImplemented", "InvalidBucketState",
            "AuthorizationHeaderMalformed", "MissingSecurityHeader", "InvalidObjectState", "UnauthorizedAccess");
    /** 4xx codes that heal by themselves: credentials refresh, clocks resync, throttling passes. */
    private static final Set<String> HEALING = Set.of(
            "ExpiredToken", "TokenRefreshRequired", "RequestTimeTooSkewed", "RequestTimeout", "SlowDown",
            "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
            "ServiceUnavailable", "InternalError", "OperationAborted", "PreconditionFailed", "ConditionalRequestConflict");

    private S3Errors() {
    }

    /**
     * True when retrying cannot help. Unknown codes count as permanent only in the 4xx range (and not
     * 408/409/412/429); 5xx, timeouts and connections that failed or were refused are outages.
     */
    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException service) {
                String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
                if (code != null && PERMANENT.contains(code)) {
                    return true;
                }
                if (code != null && HEALING.contains(code)) {
                    return false;
                }
                int status = service.statusCode();
                return status >= 400 && status < 500 && status != 408 && status != 409 && status != 412 && status != 429;
            }
            if (t instanceof SdkClientException) {
                return false;
            }
        }
        return false;
    }

    /** The S3 error code and status, for a log line: {@code AccessDenied (HTTP 403)}, or the exception's name. */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException service && service.awsErrorDetails() != null) {
                return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")";
            }
        }
        return failure.getClass().getSimpleName();
    }
}
