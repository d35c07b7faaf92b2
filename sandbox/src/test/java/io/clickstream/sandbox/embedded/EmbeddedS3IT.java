package io.clickstream.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class EmbeddedS3IT {

    /** In-memory store shared by the tests that need no files. */
    private static EmbeddedS3 s3;
    private static S3Client client;

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
    void healAndRestart() {
        s3.healRequests();
        s3.start();
    }

    @Test
    void putGetAndListRoundTripThroughTheSdk() {
        s3.createBucket("round-trip");

        put(client, "round-trip", "a/1.txt", "one");
        put(client, "round-trip", "a/2.txt", "two");
        put(client, "round-trip", "b/3.txt", "three");

        assertThat(get(client, "round-trip", "a/2.txt")).isEqualTo("two");
        assertThat(client.listObjectsV2(r -> r.bucket("round-trip").prefix("a/")).contents())
                .extracting(S3Object::key)
                .containsExactly("a/1.txt", "a/2.txt");
    }

    @Test
    void everyPutIsReportedWithWhatTheKeyHeldBeforeAndARefusedConditionalPutIsNot() {
        s3.createBucket("journal");
        List<String> seen = new CopyOnWriteArrayList<>();
        s3.onWrite((bucket, key, replaced, written) -> seen.add(bucket + "/" + key + " " + (replaced == null ? "-"
                : replaced.get("n")) + " -> " + written.get("n")));
        try {
            client.putObject(r -> r.bucket("journal").key("k").metadata(Map.of("n", "1")), RequestBody.fromString("a"));
            assertThatThrownBy(() -> client.putObject(r -> r.bucket("journal").key("k").ifNoneMatch("*")
                    .metadata(Map.of("n", "2")), RequestBody.fromString("b")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            client.putObject(r -> r.bucket("journal").key("k").metadata(Map.of("n", "3")), RequestBody.fromString("c"));
            client.putObject(r -> r.bucket("journal").key("other").ifNoneMatch("*").metadata(Map.of("n", "4")),
                    RequestBody.fromString("d"));
        } finally {
            s3.onWrite(ObjectWrites.NONE);
        }
        assertThat(seen).containsExactly("journal/k - -> 1", "journal/k 1 -> 3", "journal/other - -> 4");
    }

    @Test
    void creatingABucketTwiceIsANoOp() {
        s3.createBucket("twice");
        put(client, "twice", "k", "v");
        s3.createBucket("twice");

        assertThat(get(client, "twice", "k")).isEqualTo("v");
    }

    @Test
    void anInvalidBucketNameIsRejectedUpFront() {
        assertThatThrownBy(() -> s3.createBucket("b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s3.createBucket("Upper-Case")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filesystemStoreKeepsEachObjectAsAPlainFileUnderBucketAndKey(@TempDir Path lake) throws IOException {
        try (EmbeddedS3 files = EmbeddedS3.start(0, lake); S3Client filesClient = files.newClient()) {
            files.createBucket("lake");
            put(filesClient, "lake", "year=2026/month=01/part-0.parquet", "PAR1 bytes");

            Path file = lake.resolve("lake/year=2026/month=01/part-0.parquet");
            assertThat(file).isRegularFile();
            assertThat(Files.readString(file)).isEqualTo("PAR1 bytes");
        }
    }

    @Test
    void aLakeFolderGivenWithDotSegmentsIsUsedAsTheFolderItNames(@TempDir Path dir) throws IOException {
        // sandbox up's default, --lake ./lake: S3Proxy took the "." for a path traversal and every request failed.
        Path dotted = dir.resolve(".").resolve("sub").resolve("..").resolve("lake");
        try (EmbeddedS3 files = EmbeddedS3.start(0, dotted); S3Client filesClient = files.newClient()) {
            files.createBucket("lake");
            put(filesClient, "lake", "year=2026/part-0.parquet", "PAR1 bytes");

            assertThat(dir.resolve("lake/lake/year=2026/part-0.parquet")).isRegularFile();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 500})
    void failedRequestsAnswerTheChosenStatusUntilHealed(int status) {
        s3.createBucket("faults");
        // Retries off: the test wants the first answer, not the SDK's backoff.
        try (S3Client once = s3.clientBuilder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            long before = s3.injectedFailures();
            s3.failRequests(status);

            assertThatThrownBy(() -> put(once, "faults", "k", "v"))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(status));
            // A Parquet-sized body, sent after 100 Continue: the status must arrive, not a broken pipe.
            byte[] large = new byte[8 * 1024 * 1024];
            assertThatThrownBy(() -> once.putObject(r -> r.bucket("faults").key("large"), RequestBody.fromBytes(large)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(status));
            assertThatThrownBy(() -> once.listBuckets())
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(status));
            assertThat(s3.injectedFailures() - before).isEqualTo(3);

            s3.healRequests();
            put(once, "faults", "k", "v");
            assertThat(get(once, "faults", "k")).isEqualTo("v");
        }
    }

    @Test
    void stoppedServerRefusesConnectionsAndRestartsOnTheSamePortWithItsData() {
        s3.createBucket("outage");
        put(client, "outage", "before", "kept");
        int port = s3.port();

        s3.stop();
        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> get(client, "outage", "before"))
                .hasRootCauseInstanceOf(ConnectException.class);

        s3.start();
        assertThat(s3.port()).isEqualTo(port);
        assertThat(get(client, "outage", "before")).isEqualTo("kept");
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        }
    }

    private static void put(S3Client c, String bucket, String key, String body) {
        c.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    private static String get(S3Client c, String bucket, String key) {
        return c.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }
}
