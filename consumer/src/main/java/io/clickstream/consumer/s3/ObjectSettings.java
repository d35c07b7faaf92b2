package io.clickstream.consumer.s3;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * What every uploaded object gets besides its bytes and lineage metadata: server-side encryption (with a KMS
 * key), a storage class, tags and a canned ACL. Each is optional; {@code null} leaves it to the bucket.
 *
 * @param tags in the order given; S3 allows 10 per object
 */
public record ObjectSettings(ServerSideEncryption sse, String kmsKeyId, StorageClass storageClass,
        Map<String, String> tags, ObjectCannedACL acl) {

    public static final ObjectSettings NONE = new ObjectSettings(null, null, null, Map.of(), null);

    /** S3's limits on object tags. */
    static final int MAX_TAGS = 10;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;
    /** S3's characters for tag keys and values: letters, digits, spaces and + - = . _ : / @. */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{N}\\p{Zs}+\\-=._:/@]*");

    public ObjectSettings {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The PutObject request with these settings added: they become its x-amz-* headers. */
    public PutObjectRequest.Builder applyTo(PutObjectRequest.Builder request) {
        if (sse != null) {
            request.serverSideEncryption(sse);
        }
        if (kmsKeyId != null) {
            request.ssekmsKeyId(kmsKeyId);
        }
        if (storageClass != null) {
            request.storageClass(storageClass);
        }
        if (!tags.isEmpty()) {
            request.tagging(tagging());
        }
        if (acl != null) {
            request.acl(acl);
        }
        return request;
    }

    /** The tags as S3's x-amz-tagging header wants them: URL query encoded, {@code k1=v1&k2=v2}. */
    public String tagging() {
        return tags.entrySet().stream()
                .map(e -> SdkHttpUtils.urlEncode(e.getKey()) + "=" + SdkHttpUtils.urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** One line for the start-up log. */
    public String describe() {
        if (isEmpty()) {
            return "bucket defaults";
        }
        var parts = new StringBuilder();
        if (sse != null) {
            parts.append("sse=").append(sse).append(kmsKeyId == null ? "" : " key " + kmsKeyId).append(' ');
        }
        if (storageClass != null) {
            parts.append("storage-class=").append(storageClass).append(' ');
        }
        if (!tags.isEmpty()) {
            parts.append("tags=").append(tags.keySet()).append(' ');
        }
        if (acl != null) {
            parts.append("acl=").append(acl).append(' ');
        }
        return parts.toString().strip();
    }

    /** {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse} (case as S3 spells them, or any case). */
    public static ServerSideEncryption sse(String text) {
        for (ServerSideEncryption sse : new ServerSideEncryption[] {ServerSideEncryption.AES256,
                ServerSideEncryption.AWS_KMS, ServerSideEncryption.AWS_KMS_DSSE}) {
            if (sse.toString().equalsIgnoreCase(text)) {
                return sse;
            }
        }
        return null;
    }

    /** A storage class S3 knows (STANDARD_IA, INTELLIGENT_TIERING, GLACIER_IR, ...), any case; null if none. */
    public static StorageClass storageClass(String text) {
        return StorageClass.knownValues().stream().filter(c -> c.toString().equalsIgnoreCase(text)).findFirst().orElse(null);
    }

    /** A canned ACL (private, bucket-owner-full-control, ...), any case; null if none. */
    public static ObjectCannedACL acl(String text) {
        return ObjectCannedACL.knownValues().stream().filter(a -> a.toString().equalsIgnoreCase(text)).findFirst().orElse(null);
    }

    /**
     * {@code k1=v1,k2=v2} as S3 accepts tags: at most 10, keys of 1-128 and values of 0-256 of S3's characters,
     * no key twice. Each problem goes to {@code problem}.
     */
    public static Map<String, String> tags(String text, Consumer<String> problem) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
            String value = eq < 0 ? null : pair.substring(eq + 1).strip();
            if (value == null || key.isEmpty()) {
                problem.accept("expected key=value[,key=value...]; '" + pair.strip() + "' is not");
            } else if (key.length() > MAX_KEY_LENGTH || value.length() > MAX_VALUE_LENGTH) {
                problem.accept("tag '" + key + "': keys are at most " + MAX_KEY_LENGTH + " and values " + MAX_VALUE_LENGTH
                        + " characters");
            } else if (!TAG_TEXT.matcher(key).matches() || !TAG_TEXT.matcher(value).matches()) {
                problem.accept("tag '" + key + "': S3 allows letters, digits, spaces and + - = . _ : / @ only");
            } else if (key.startsWith("aws:")) {
                problem.accept("tag '" + key + "': the aws: prefix is AWS's own");
            } else if (tags.put(key, value) != null) {
                problem.accept("tag '" + key + "' is given twice");
            } else {
                continue;
            }
            return Map.of();
        }
        if (tags.size() > MAX_TAGS) {
            problem.accept("S3 allows at most " + MAX_TAGS + " tags per object, not " + tags.size());
            return Map.of();
        }
        return tags;
    }
}
