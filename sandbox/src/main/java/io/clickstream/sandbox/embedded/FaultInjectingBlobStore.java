package io.clickstream.sandbox.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A {@link BlobStore} that, while a fault is set, fails every S3 operation with an S3 error of
 * a chosen HTTP status. S3Proxy turns an {@link S3Exception} from the store into an S3 error
 * response with that status and error code, so a client sees what a real outage or throttling
 * (503 SlowDown, 500 InternalError) looks like.
 *
 * <p>Why every method is spelled out instead of failing in {@link #delegate()} or in a dynamic
 * proxy: S3Proxy finds the store type (filesystem, transient, ...) by unwrapping
 * {@link ForwardingBlobStore#delegate()} and reading the class name, so {@code delegate()} must
 * keep answering, and must answer with the real store. And an upload must read its body before
 * the error goes out: the SDK sends large bodies after {@code 100 Continue}, which Jetty grants
 * as soon as S3Proxy opens the stream; answering early then breaks the pipe under the client,
 * which reports "Broken pipe" instead of the status. Capability queries ({@code supports*},
 * the minimum part size) are not requests and never fail.
 */
final class FaultInjectingBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectingBlobStore.class);

    private final BlobStore store;
    private final AtomicLong injected = new AtomicLong();
    private volatile int failStatus; // 0 = healthy
    private final ConditionalPuts conditionalPuts;

    FaultInjectingBlobStore(BlobStore store) {
        super(store);
        this.store = store;
        this.conditionalPuts = new ConditionalPuts(store);
    }

    /** {@code writes} is told of every PUT from now on (see {@link ObjectWrites}). */
    void onWrite(ObjectWrites writes) {
        conditionalPuts.onWrite(writes);
    }

    /** The real store, unaffected by faults: for set-up by the harness itself. */
    BlobStore unwrapped() {
        return store;
    }

    void fail(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("an injected fault needs a 4xx or 5xx status, got " + httpStatus);
        }
        failStatus = httpStatus;
    }

    /** Ends the fault; true if one was set. */
    boolean heal() {
        int previous = failStatus;
        failStatus = 0;
        return previous != 0;
    }

    long injectedFailures() {
        return injected.get();
    }

    @Override
    public void close() {
        store.close();
    }

    /** The real store, or the injected fault. */
    private BlobStore checked() {
        int status = failStatus;
        if (status != 0) {
            injected.incrementAndGet();
            throw fault(status);
        }
        return store;
    }

    /** Reads an upload's body to its end if a fault is set, so that the client gets the status. */
    private void drainIfFailing(InputStream body) {
        if (failStatus == 0) {
            return;
        }
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The status is what matters; a body that cannot be read changes nothing.
            LOG.debug("Could not drain the body of a failed upload: {}", e.toString());
        }
    }

    private static S3Exception fault(int status) {
        String code = switch (status) {
            case 500 -> "InternalError";
            case 503 -> "SlowDown";
            case 403 -> "AccessDenied";
            default -> "InjectedFault";
        };
        String message = "Injected by EmbeddedS3.failRequests(" + status + ")";
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("S3")
                        .build())
                .build();
    }

    // Every BlobStore operation, in the interface's order, through checked().

    @Override
    public ListBucketsResponse list() {
        return checked().list();
    }

    @Override
    public ListBucketsResponse list(ListBucketsRequest request) {
        return checked().list(request);
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        return checked().list(request);
    }

    @Override
    public ListObjectsV2Response list(String bucket) {
        return checked().list(bucket);
    }

    @Override
    public ListObjectsResponse listV1(ListObjectsRequest request) {
        return checked().listV1(request);
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        return checked().headBucket(request);
    }

    @Override
    public boolean containerExists(String bucket) {
        return checked().containerExists(bucket);
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        return checked().createContainer(request);
    }

    @Override
    public CreateBucketResponse createContainer(String bucket) {
        return checked().createContainer(bucket);
    }

    @Override
    public BucketCannedACL getContainerAccess(String bucket) {
        return checked().getContainerAccess(bucket);
    }

    @Override
    public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
        return checked().getContainerAcl(request);
    }

    @Override
    public void setContainerAccess(String bucket, BucketCannedACL acl) {
        checked().setContainerAccess(bucket, acl);
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        checked().clearContainer(request);
    }

    @Override
    public void deleteContainer(String bucket) {
        checked().deleteContainer(bucket);
    }

    @Override
    public void deleteBucket(String bucket) {
        checked().deleteBucket(bucket);
    }

    @Override
    public boolean blobExists(String bucket, String key) {
        return checked().blobExists(bucket, key);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        drainIfFailing(input);
        BlobStore target = checked();
        return conditionalPuts.put(request, () -> target.putBlob(request.toBuilder().ifMatch(null).ifNoneMatch(null).build(),
                input));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return checked().copyBlob(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return checked().blobMetadata(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(String bucket, String key) {
        return checked().blobMetadata(bucket, key);
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(HeadObjectRequest request) {
        return checked().blobMetadataIfPresent(request);
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(String bucket, String key) {
        return checked().blobMetadataIfPresent(bucket, key);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        return checked().getBlob(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(String bucket, String key) {
        return checked().getBlob(bucket, key);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return checked().removeBlob(request);
    }

    @Override
    public void removeBlob(String bucket, String key) {
        checked().removeBlob(bucket, key);
    }

    @Override
    public DeleteObjectResponse removeBlob(String bucket, String key, String versionId) {
        return checked().removeBlob(bucket, key, versionId);
    }

    @Override
    public boolean supportsVersioning() {
        return store.supportsVersioning();
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        return checked().getBucketVersioning(request);
    }

    @Override
    public BucketVersioningStatus getBucketVersioning(String bucket) {
        return checked().getBucketVersioning(bucket);
    }

    @Override
    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        return checked().putBucketVersioning(request);
    }

    @Override
    public void putBucketVersioning(String bucket, BucketVersioningStatus status) {
        checked().putBucketVersioning(bucket, status);
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        return checked().listVersions(request);
    }

    @Override
    public boolean supportsBucketEncryption() {
        return store.supportsBucketEncryption();
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        return checked().getBucketEncryption(request);
    }

    @Override
    public ServerSideEncryptionConfiguration getBucketEncryption(String bucket) {
        return checked().getBucketEncryption(bucket);
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        return checked().putBucketEncryption(request);
    }

    @Override
    public void putBucketEncryption(String bucket, ServerSideEncryptionConfiguration configuration) {
        checked().putBucketEncryption(bucket, configuration);
    }

    @Override
    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        return checked().deleteBucketEncryption(request);
    }

    @Override
    public void deleteBucketEncryption(String bucket) {
        checked().deleteBucketEncryption(bucket);
    }

    @Override
    public boolean supportsServerSideEncryption() {
        return store.supportsServerSideEncryption();
    }

    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        return checked().removeBlobs(request);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key) {
        return checked().getBlobAccess(bucket, key);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key, String versionId) {
        return checked().getBlobAccess(bucket, key, versionId);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        return checked().getBlobAcl(request);
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL acl) {
        checked().setBlobAccess(bucket, key, acl);
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL acl, String versionId) {
        checked().setBlobAccess(bucket, key, acl, versionId);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        return checked().initiateMultipartUpload(request);
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        checked().abortMultipartUpload(upload);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        return checked().completeMultipartUpload(upload, request);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(
            MultipartUpload upload, UploadPartRequest request, InputStream input) {
        drainIfFailing(input);
        return checked().uploadMultipartPart(upload, request, input);
    }

    @Override
    public boolean supportsCopyMultipartPart() {
        return store.supportsCopyMultipartPart();
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        return checked().copyMultipartPart(upload, request);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        return checked().listMultipartUpload(upload);
    }

    // The S3 model's MultipartUpload here, not the store's own (imported) one.
    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String bucket) {
        return checked().listMultipartUploads(bucket);
    }

    @Override
    public long getMinimumMultipartPartSize() {
        return store.getMinimumMultipartPartSize();
    }
}
