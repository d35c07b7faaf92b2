package io.clickstream.sandbox.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Copies every object under a prefix to a local folder, keys kept as relative paths, for an independent reader. */
public final class LakeDownloader {

    private LakeDownloader() {
    }

    /** @return the number of Parquet objects copied (markers and manifests are copied too, not counted) */
    public static int download(S3Client s3, String bucket, String prefix, Path target) {
        String listPrefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
        int count = 0;
        for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(listPrefix)
                .build()).contents()) {
            Path file = target.resolve(object.key()).normalize();
            if (!file.startsWith(target)) {
                throw new IllegalStateException("object key escapes the target folder: " + object.key());
            }
            try {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            s3.getObject(GetObjectRequest.builder().bucket(bucket).key(object.key()).build(), file);
            if (object.key().endsWith(".parquet")) {
                count++;
            }
        }
        return count;
    }
}
