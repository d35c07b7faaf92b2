package io.clickstream.consumer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An in-memory S3 with one bucket: PUTs store the bytes under their key (a repeated PUT overwrites,
 * like S3), honouring {@code If-None-Match: *} and {@code If-Match} atomically, as S3 does; HEAD answers
 * an object's ETag and metadata. It can answer 503 on demand, and run a hook before each PUT (to block
 * or count).
 */
public final class FakeS3Client implements S3Client {
    private final String bucket;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();
    private final List<String> putLog = new CopyOnWriteArrayList<>();
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicInteger failedPuts = new AtomicInteger();
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final AtomicInteger versions = new AtomicInteger();
    private volatile Consumer<PutObjectRequest> beforePut = r -> {
    };

    public FakeS3Client(String bucket) {
        this.bucket = bucket;
    }

    /** While true every call answers HTTP 503 Slow Down. */
    public void unavailable(boolean value) {
        unavailable.set(value);
    }

    public void beforePut(Consumer<PutObjectRequest> hook) {
        this.beforePut = hook;
    }

    public Map<String, byte[]> objects() {
        return Map.copyOf(objects);
    }

    public Map<String, String> metadata(String key) {
        return metadata.get(key);
    }

    /** Keys of the successful PUTs, in order, repeats included. */
    public List<String> putLog() {
        return new ArrayList<>(putLog);
    }

    public int failedPuts() {
        return failedPuts.get();
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        beforePut.accept(request);
        if (unavailable.get()) {
            failedPuts.incrementAndGet();
            throw slowDown();
        }
        if (!bucket.equals(request.bucket())) {
            throw (S3Exception) S3Exception.builder().statusCode(404).message("NoSuchBucket").build();
        }
        byte[] bytes;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (request.contentLength() != null && request.contentLength() != bytes.length) {
            throw new IllegalStateException("content length " + request.contentLength() + " but " + bytes.length
                    + " bytes for " + request.key());
        }
        String etag;
        synchronized (this) {
            String current = etags.get(request.key());
            if ("*".equals(request.ifNoneMatch()) && current != null) {
                throw error(412, "PreconditionFailed");
            }
            if (request.ifMatch() != null && current == null) {
                throw error(404, "NoSuchKey");
            }
            if (request.ifMatch() != null && !request.ifMatch().equals(current)) {
                throw error(412, "PreconditionFailed");
            }
            etag = "\"v" + versions.incrementAndGet() + "\"";
            objects.put(request.key(), bytes);
            metadata.put(request.key(), Map.copyOf(request.metadata()));
            etags.put(request.key(), etag);
            putLog.add(request.key());
        }
        return PutObjectResponse.builder().eTag(etag).build();
    }

    @Override
    public synchronized HeadObjectResponse headObject(HeadObjectRequest request) {
        String etag = etags.get(request.key());
        if (etag == null) {
            throw error(404, "NotFound");
        }
        return HeadObjectResponse.builder().eTag(etag).metadata(metadata.get(request.key()))
                .contentLength((long) objects.get(request.key()).length).build();
    }

    /** Puts an object as another writer would: for tests of taken keys. */
    public synchronized void putAsAnotherWriter(String key, byte[] bytes, Map<String, String> objectMetadata) {
        objects.put(key, bytes);
        metadata.put(key, Map.copyOf(objectMetadata));
        etags.put(key, "\"v" + versions.incrementAndGet() + "\"");
    }

    private static S3Exception error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("S3").build())
                .message(code + " (Service: S3, Status Code: " + status + ")").build();
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        if (unavailable.get()) {
            throw slowDown();
        }
        if (!bucket.equals(request.bucket())) {
            throw (S3Exception) S3Exception.builder().statusCode(404).message("Not Found").build();
        }
        return HeadBucketResponse.builder().build();
    }

    private static S3Exception slowDown() {
        return (S3Exception) S3Exception.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").errorMessage("Please reduce your request rate.")
                        .serviceName("S3").build())
                .message("Please reduce your request rate. (Service: S3, Status Code: 503)").build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
