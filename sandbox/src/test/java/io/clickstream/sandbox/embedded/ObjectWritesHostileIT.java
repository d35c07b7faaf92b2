package io.clickstream.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Hostile cases for {@link ObjectWrites} (EmbeddedS3.onWrite): "told of every PUT the embedded S3 server carried
 * out", the chaos run's only view of overwrites. Writes that replace an object other than by a plain PutObject, many
 * writers of one key at once, metadata keys in other cases, a PUT failed by an injected fault.
 */
class ObjectWritesHostileIT {
    private static EmbeddedS3 s3;
    private static S3Client client;

    /** One reported write: bucket/key, the replaced object's metadata (null: none), the written one's. */
    record Seen(String bucket, String key, Map<String, String> replaced, Map<String, String> written) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start(0, null);
        client = s3.newClient();
    }

    @AfterAll
    static void closeS3() {
        if (client != null) {
            client.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @AfterEach
    void stopListening() {
        s3.onWrite(ObjectWrites.NONE);
        s3.healRequests();
    }

    private void listen() {
        s3.onWrite((bucket, key, replaced, written) -> seen.add(new Seen(bucket, key, replaced, written)));
    }

    private static Map<String, String> offsets(long first, long last) {
        return Map.of("kafka-partition", "0", "kafka-first-offset", Long.toString(first), "kafka-last-offset",
                Long.toString(last));
    }

    private static void put(String bucket, String key, Map<String, String> metadata, String body) {
        client.putObject(r -> r.bucket(bucket).key(key).metadata(metadata), RequestBody.fromString(body));
    }



    /** Many writers of one key at once: every PUT reported once, each replacing exactly what the one before wrote. */
    @Test
    void concurrentPutsOfOneKeyAreReportedAsOneUnbrokenChain() throws Exception {
        s3.createBucket("chain");
        listen();
        int writers = 6;
        int each = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        put("chain", "k", Map.of("n", writer + "-" + i), "w" + writer + "-" + i);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(writers * each);
        assertThat(seen.get(0).replaced()).isNull();
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).replaced()).as("write %d replaced what write %d wrote", i, i - 1)
                    .containsEntry("n", seen.get(i - 1).written().get("n"));
        }
        assertThat(client.headObject(r -> r.bucket("chain").key("k")).metadata())
                .containsEntry("n", seen.get(seen.size() - 1).written().get("n"));
    }

    /** What is reported as written is what the store then holds (keys as S3 stores them), whatever case was sent. */
    @Test
    void theReportedMetadataIsTheMetadataTheStoreHolds() {
        s3.createBucket("meta-case");
        listen();
        put("meta-case", "k", Map.of("Kafka-Partition", "0", "KAFKA-LAST-OFFSET", "41"), "one");
        put("meta-case", "k", Map.of("kafka-partition", "0", "kafka-last-offset", "99"), "two");
        Map<String, String> stored = client.headObject(r -> r.bucket("meta-case").key("k")).metadata();
        assertThat(seen).hasSize(2);
        System.out.printf("ObjectWritesHostileIT metadata case: reported written %s, replaced %s, stored %s%n",
                seen.get(0).written(), seen.get(1).replaced(), stored);
        assertThat(seen.get(1).written()).isEqualTo(stored);
        assertThat(seen.get(0).written()).as("reported as written = reported as replaced by the next PUT")
                .isEqualTo(seen.get(1).replaced());
    }

    /** A PUT refused by an injected fault changed nothing and is not reported. */
    @Test
    void aPutFailedByAnInjectedFaultIsNotReported() {
        s3.createBucket("faulty");
        put("faulty", "k", offsets(0, 5), "one");
        listen();
        s3.failRequests(503);
        assertThatThrownBy(() -> put("faulty", "k", offsets(0, 9), "two")).isInstanceOf(S3Exception.class);
        s3.healRequests();
        assertThat(seen).isEmpty();
        assertThat(client.headObject(r -> r.bucket("faulty").key("k")).metadata()).containsEntry("kafka-last-offset",
                "5");
    }
}
