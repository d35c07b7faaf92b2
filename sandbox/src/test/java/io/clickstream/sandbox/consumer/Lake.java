package io.clickstream.sandbox.consumer;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.Names;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The lake as seen over the S3 API: listings, and the independent verifier. */
final class Lake {

    private Lake() {
    }

    /** The bucket's objects under the prefix, key to last-modified time. */
    static Map<String, Instant> list(EmbeddedStackExtension stack, Names names) {
        try (S3Client s3 = stack.s3().newClient()) {
            Map<String, Instant> objects = new TreeMap<>();
            var request = ListObjectsV2Request.builder().bucket(names.bucket()).prefix(names.prefix() + "/").build();
            for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
                objects.put(o.key(), o.lastModified());
            }
            return objects;
        }
    }

    /** Every offset of the topic in the lake or the DLQ, none twice, rows in their hour, the documented schema. */
    static VerifierReport verify(EmbeddedStackExtension stack, Names names, boolean withDeadLetters) {
        try (S3Client s3 = stack.s3().newClient()) {
            return LakeVerifier.verify(new LakeVerifier.Target(stack.kafka().bootstrapServers(), names.topic(),
                    withDeadLetters ? names.dlqTopic() : null, s3, names.bucket(), names.prefix(),
                    LakeVerifier.HourSource.INGESTED_AT));
        }
    }
}
