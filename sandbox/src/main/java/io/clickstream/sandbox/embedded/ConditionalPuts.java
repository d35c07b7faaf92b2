package io.clickstream.sandbox.embedded;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes {@code If-None-Match: *} and {@code If-Match: <etag>} on PUT atomic, as AWS S3 (and MinIO) make
 * them: S3Proxy 4.1.0 checks the condition and then writes, so two writers racing for one key could both
 * pass the check. Here the check and the write of one key happen under that key's lock, and every PUT of
 * the key takes the lock, conditional or not.
 */
final class ConditionalPuts {
    private final BlobStore store;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private volatile ObjectWrites writes = ObjectWrites.NONE;

    ConditionalPuts(BlobStore store) {
        this.store = store;
    }

    void onWrite(ObjectWrites writes) {
        this.writes = writes;
    }

    PutObjectResponse put(PutObjectRequest request, Supplier<PutObjectResponse> write) {
        Object lock = locks.computeIfAbsent(request.bucket() + "/" + request.key(), k -> new Object());
        synchronized (lock) {
            ObjectWrites listener = writes;
            boolean conditional = request.ifNoneMatch() != null || request.ifMatch() != null;
            HeadObjectResponse existing = conditional || listener != ObjectWrites.NONE
                    ? store.blobMetadataIfPresent(request.bucket(), request.key()) : null;
            if (conditional) {
                if ("*".equals(request.ifNoneMatch()) && existing != null) {
                    throw error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                }
                if (request.ifMatch() != null) {
                    if (existing == null) {
                        throw error(404, "NoSuchKey", "The specified key does not exist.");
                    }
                    if (!unquoted(request.ifMatch()).equals(unquoted(existing.eTag()))) {
                        throw error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                    }
                }
            }
            PutObjectResponse response = write.get();
            listener.written(request.bucket(), request.key(), existing == null ? null : existing.metadata(),
                    stored(request.metadata()));
            return response;
        }
    }

    /** User metadata as the store keeps it (and as it reports it later): names in lower case, as S3 does. */
    private static Map<String, String> stored(Map<String, String> metadata) {
        var lower = new HashMap<String, String>();
        metadata.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static S3Exception error(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("S3").build())
                .build();
    }
}
