package io.clickstream.consumer.hours;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An in-memory bucket for the hour markers: HEAD (404 as {@link NoSuchKeyException}), a listing by prefix in pages of
 * {@code pageSize} keys (the SDK's paginator follows the continuation tokens), PUT and DELETE, each PUT and DELETE logged.
 */
final class InMemoryS3 implements S3Client {
    private record Stored(byte[] bytes, Map<String, String> metadata, String contentType) {
    }

    private final String bucket;
    private final TreeMap<String, Stored> objects = new TreeMap<>();
    private final List<String> puts = new ArrayList<>();
    private final List<String> deletes = new ArrayList<>();
    private int pageSize = 1000;
    private int lists;

    InMemoryS3(String bucket) {
        this.bucket = bucket;
    }

    /** Small pages make the marker follow continuation tokens. */
    InMemoryS3 pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Puts an object as the consumer's uploader would have (not logged). */
    synchronized void preload(String key, long size, Map<String, String> metadata) {
        objects.put(key, new Stored(new byte[(int) size], Map.copyOf(metadata), "application/octet-stream"));
    }

    synchronized List<String> puts() {
        return List.copyOf(puts);
    }

    synchronized List<String> deletes() {
        return List.copyOf(deletes);
    }

    synchronized int lists() {
        return lists;
    }

    synchronized boolean exists(String key) {
        return objects.containsKey(key);
    }

    synchronized String body(String key) {
        Stored stored = objects.get(key);
        return stored == null ? null : new String(stored.bytes(), StandardCharsets.UTF_8);
    }

    synchronized String contentType(String key) {
        Stored stored = objects.get(key);
        return stored == null ? null : stored.contentType();
    }

    private void checkBucket(String requested) {
        if (!bucket.equals(requested)) {
            throw new IllegalArgumentException("bucket " + requested + ", not " + bucket);
        }
    }

    @Override
    public synchronized HeadObjectResponse headObject(HeadObjectRequest request) {
        checkBucket(request.bucket());
        Stored stored = objects.get(request.key());
        if (stored == null) {
            throw (NoSuchKeyException) NoSuchKeyException.builder().statusCode(404).message("Not Found").build();
        }
        return HeadObjectResponse.builder().contentLength((long) stored.bytes().length).metadata(stored.metadata()).build();
    }

    @Override
    public synchronized ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        checkBucket(request.bucket());
        lists++;
        String prefix = request.prefix() == null ? "" : request.prefix();
        String after = request.continuationToken();
        var page = new ArrayList<S3Object>();
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, Stored> e : (after == null ? objects : objects.tailMap(after, false)).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            if (page.size() == pageSize) {
                truncated = true;
                break;
            }
            page.add(S3Object.builder().key(e.getKey()).size((long) e.getValue().bytes().length).build());
            last = e.getKey();
        }
        var response = ListObjectsV2Response.builder().prefix(prefix).contents(page).keyCount(page.size()).isTruncated(truncated);
        if (truncated) {
            response.nextContinuationToken(last);
        }
        return response.build();
    }

    @Override
    public synchronized PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        checkBucket(request.bucket());
        byte[] bytes;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        objects.put(request.key(), new Stored(bytes, Map.copyOf(request.metadata()), request.contentType()));
        puts.add(request.key());
        return PutObjectResponse.builder().eTag("\"" + puts.size() + "\"").build();
    }

    @Override
    public synchronized DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        checkBucket(request.bucket());
        objects.remove(request.key());
        deletes.add(request.key());
        return DeleteObjectResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
