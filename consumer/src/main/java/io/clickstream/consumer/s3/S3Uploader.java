package io.clickstream.consumer.s3;

import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.SealedFile;
import io.clickstream.consumer.hours.LakeObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Publishes one sealed file with a single PUT of the whole file, never over an object it has not seen:
 * a new key is written with {@code If-None-Match: *} (the first writer wins), and an existing object is
 * replaced only with {@code If-Match} on the ETag the caller decided to replace. Every object carries
 * its generation (start offset, commit offset, file count) in its metadata, so that a writer finding a
 * key taken can tell its own earlier attempt from another writer's (see {@code PartitionDelivery}).
 *
 * <p>The SDK's retry strategy covers a single call; the sink's batch-level backoff covers longer outages.
 * An exception names the object.
 */
public final class S3Uploader {
    private static final Logger log = LoggerFactory.getLogger(S3Uploader.class);
    static final String GENERATION_START = "generation-start";
    static final String GENERATION_END = "generation-end";
    static final String GENERATION_FILES = "generation-files";

    private final S3Client s3;
    private final String bucket;
    /** Off once the endpoint answered that it does not support conditional writes (501). */
    private final AtomicBoolean conditional = new AtomicBoolean(true);

    public S3Uploader(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** What a PUT came to. */
    public sealed interface Outcome {
        /** The object is ours now. */
        record Written() implements Outcome {
        }

        /** The key was taken: the object found there, to tell whose it is. */
        record Taken(ExistingObject existing) implements Outcome {
        }
    }

    /** An object already at a key: its ETag and the generation it belongs to (start and end offsets, -1 if unknown). */
    public record ExistingObject(String key, String etag, long generationStart, long generationEnd) {

        public boolean sameGeneration(ClosedGeneration generation) {
            return generationStart == generation.startOffset() && generationEnd == generation.commitOffset();
        }
    }

    /**
     * Lineage for whoever finds the object: which records it holds (what an hour's manifest lists), and the
     * generation they came in (what a writer finding the key taken compares).
     */
    private static Map<String, String> metadata(SealedFile file, ClosedGeneration generation) {
        var metadata = new HashMap<String, String>();
        metadata.put(LakeObject.TOPIC, file.start().partition().topic());
        metadata.put(LakeObject.PARTITION, Integer.toString(file.start().partition().partition()));
        metadata.put(LakeObject.FIRST_OFFSET, Long.toString(file.firstOffset()));
        metadata.put(LakeObject.LAST_OFFSET, Long.toString(file.lastOffset()));
        metadata.put(LakeObject.ROWS, Long.toString(file.rows()));
        if (file.minEventTime() != null) {
            metadata.put(LakeObject.MIN_EVENT_TIME, file.minEventTime().toString());
            metadata.put(LakeObject.MAX_EVENT_TIME, file.maxEventTime().toString());
        }
        metadata.put(GENERATION_START, Long.toString(generation.startOffset()));
        metadata.put(GENERATION_END, Long.toString(generation.commitOffset()));
        metadata.put(GENERATION_FILES, Integer.toString(generation.files().size()));
        return metadata;
    }

    /**
     * Writes the file as an object of {@code generation}: only if the key is free, or, with {@code replaceEtag},
     * only over exactly that object.
     */
    public Outcome upload(SealedFile file, ClosedGeneration generation, String replaceEtag) {
        var request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(file.key())
                .contentType("application/vnd.apache.parquet")
                .contentLength(file.bytes())
                // Encryption, storage class, tags and ACL (S3_SSE, ...) are added to every PutObject by the client
                // itself: S3ClientFactory registers an ObjectSettingsInterceptor.
                // Lineage for whoever finds the object: which records it holds, and the generation they came in.
                .metadata(metadata(file, generation));
        if (conditional.get()) {
            if (replaceEtag == null) {
                request.ifNoneMatch("*");
            } else {
                request.ifMatch(replaceEtag);
            }
        }
        try {
            s3.putObject(request.build(), RequestBody.fromFile(file.path()));
            return new Outcome.Written();
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || replaceEtag != null && e.statusCode() == 404) {
                return new Outcome.Taken(existing(file.key()));
            }
            if (e.statusCode() == 501 && conditional.get() && writtenUnconditionally(request, file)) {
                return new Outcome.Written();
            }
            throw new UploadException("failed to upload s3://" + bucket + "/" + file.key() + ": " + describe(e), e);
        } catch (RuntimeException e) {
            throw new UploadException("failed to upload s3://" + bucket + "/" + file.key() + ": " + describe(e), e);
        }
    }

    /**
     * A 501 to a conditional PUT: if the same PUT without its condition succeeds, the endpoint does not support
     * conditional writes (some S3-compatible servers), and they are off from now on; if it fails too, the 501
     * had another cause (an unsupported encryption, say) and is reported as it is.
     */
    private boolean writtenUnconditionally(PutObjectRequest.Builder request, SealedFile file) {
        try {
            s3.putObject(request.ifNoneMatch(null).ifMatch(null).build(), RequestBody.fromFile(file.path()));
        } catch (S3Exception e) {
            return false;
        }
        if (conditional.getAndSet(false)) {
            log.warn("the S3 endpoint does not support conditional writes (If-None-Match, If-Match): objects are "
                    + "written unconditionally from now on, and a consumer that resumes after its partitions moved "
                    + "could overwrite its successor's files (docs/architecture.md, zombie fencing)");
        }
        return true;
    }

    /** The object now at the key (gone again: an ETag of null, which a replacement takes as "write it new"). */
    private ExistingObject existing(String key) {
        try {
            HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            Map<String, String> metadata = head.metadata();
            return new ExistingObject(key, head.eTag(), number(metadata.get(GENERATION_START)),
                    number(metadata.get(GENERATION_END)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return new ExistingObject(key, null, -1, -1);
            }
            throw new UploadException("failed to read the object at s3://" + bucket + "/" + key + ": " + describe(e), e);
        }
    }

    private static long number(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String bucket() {
        return bucket;
    }

    public static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /** An upload that failed after the SDK's own retries. */
    public static final class UploadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UploadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
