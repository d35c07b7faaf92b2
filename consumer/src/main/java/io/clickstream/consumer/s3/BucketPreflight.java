package io.clickstream.consumer.s3;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checks at start-up that the bucket exists and the credentials may use it. A missing bucket or a
 * refused credential is a configuration error (exit 2); an unreachable endpoint is an outage
 * (the caller retries).
 */
public final class BucketPreflight {

    public sealed interface Outcome {
        record Ready() implements Outcome {
        }

        /** The configuration is wrong: retrying will not help. */
        record Misconfigured(String message) implements Outcome {
        }

        /** S3 could not be reached or failed: worth retrying. */
        record Unavailable(String message) implements Outcome {
        }
    }

    private BucketPreflight() {
    }

    public static Outcome check(S3Client s3, String bucket) {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
            return new Outcome.Ready();
        } catch (S3Exception e) {
            int status = e.statusCode();
            if (status == 404) {
                return new Outcome.Misconfigured("S3 bucket '" + bucket + "' does not exist (S3_BUCKET); create it first");
            }
            if (status == 403 || status == 401) {
                return new Outcome.Misconfigured("access to S3 bucket '" + bucket + "' denied (HTTP " + status
                        + "): check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy");
            }
            if (status == 400 || status == 301) {
                return new Outcome.Misconfigured("S3 rejected the request for bucket '" + bucket + "' (HTTP " + status
                        + "): check AWS_DEFAULT_REGION and AWS_ENDPOINT_URL");
            }
            return new Outcome.Unavailable("S3 answered HTTP " + status + " for bucket '" + bucket + "'");
        } catch (SdkClientException e) {
            return new Outcome.Unavailable("S3 unreachable: " + S3Uploader.describe(e));
        }
    }
}
