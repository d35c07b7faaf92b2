package io.clickstream.consumer.hours;

import io.clickstream.consumer.layout.HourFolder;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Writes the markers of one complete hour: {@code _manifest.json} first, then {@code _SUCCESS}, so a
 * reader that sees {@code _SUCCESS} finds the manifest. Idempotent: an hour already marked is left as
 * it is, and a second writer (another consumer of the group) writes the same files.
 */
public final class HourMarker {
    private static final Logger log = LoggerFactory.getLogger(HourMarker.class);
    public static final String SUCCESS = "_SUCCESS";
    public static final String MANIFEST = "_manifest.json";

    private final S3Client s3;
    private final String bucket;
    private final ObjectKeyLayout layout;
    private final String topic;
    private final boolean deleteOrphans;

    public HourMarker(S3Client s3, String bucket, ObjectKeyLayout layout, String topic, boolean deleteOrphans) {
        this.s3 = s3;
        this.bucket = bucket;
        this.layout = layout;
        this.topic = topic;
        this.deleteOrphans = deleteOrphans;
    }

    public enum Outcome {
        /** Markers written now. */
        MARKED,
        /** {@code _SUCCESS} was there already. */
        ALREADY_MARKED,
        /** No file of this topic in the hour: nothing to mark. */
        EMPTY,
        /** The folder contradicts the committed offsets (see the problem); not marked. */
        INCONSISTENT
    }

    public record Result(Instant hour, Outcome outcome, HourManifest manifest, String problem) {
    }

    /** The folder an hour's files and markers are in. */
    public String folder(Instant hour) {
        return layout.folder(new HourFolder(hour, false));
    }

    /**
     * Marks a complete hour.
     *
     * @param committed each partition's committed offset, read after the hour was found complete
     */
    public Result mark(Instant hour, Map<Integer, Long> committed) {
        String folder = folder(hour);
        if (exists(folder + SUCCESS)) {
            return new Result(hour, Outcome.ALREADY_MARKED, null, null);
        }
        List<LakeObject> objects = parquetObjects(folder);
        HourManifest manifest;
        try {
            manifest = HourManifest.build(topic, hour, objects, committed);
        } catch (HourManifest.Inconsistent e) {
            return new Result(hour, Outcome.INCONSISTENT, null, e.getMessage());
        }
        if (manifest.files().isEmpty()) {
            return new Result(hour, Outcome.EMPTY, manifest, null);
        }
        if (!manifest.foreign().isEmpty()) {
            log.warn("hour {}: {} object(s) without this consumer's lineage in {} (e.g. {}): named in the manifest's "
                    + "foreign list, not counted", hour, manifest.foreign().size(), folder, manifest.foreign().get(0));
        }
        if (deleteOrphans && !manifest.orphans().isEmpty()) {
            for (LakeObject orphan : manifest.orphans()) {
                s3.deleteObject(b -> b.bucket(bucket).key(orphan.key()));
                log.info("deleted s3://{}/{}: not committed (HOUR_ORPHANS=delete)", bucket, orphan.key());
            }
            manifest = new HourManifest(topic, hour, manifest.files(), List.of(), manifest.foreign());
        }
        put(folder + MANIFEST, manifest.toJson(), "application/json");
        put(folder + SUCCESS, "", "text/plain");
        return new Result(hour, Outcome.MARKED, manifest, null);
    }

    /** The hour folder's Parquet objects (not those of sub-folders), with the lineage in their metadata. */
    private List<LakeObject> parquetObjects(String folder) {
        var objects = new ArrayList<LakeObject>();
        var request = ListObjectsV2Request.builder().bucket(bucket).prefix(folder).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            String name = object.key().substring(folder.length());
            if (!name.endsWith(".parquet") || name.contains("/")) {
                continue;
            }
            try {
                HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(object.key()));
                objects.add(new LakeObject(object.key(), head.contentLength(), head.metadata()));
            } catch (NoSuchKeyException e) {
                // deleted between the listing and now (an orphan someone cleaned up)
            }
        }
        return objects;
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void put(String key, String body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromString(body, StandardCharsets.UTF_8));
    }
}
