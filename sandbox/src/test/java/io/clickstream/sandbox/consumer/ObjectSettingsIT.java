package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import io.clickstream.sandbox.testing.RecordingRelay.Request;
import io.clickstream.sandbox.testing.RecordingRelay;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * S3_STORAGE_CLASS, S3_OBJECT_TAGS, S3_ACL, S3_SSE and S3_SSE_KMS_KEY_ID reach the S3 endpoint as headers of every
 * PutObject, as the endpoint receives them: a relay in front of the embedded S3 writes each request down. S3Proxy
 * stores objects with a storage class, tags and a canned ACL; it answers server-side encryption with 501 Not
 * Implemented, so for S3_SSE the test shows the headers arriving with each attempt and nothing being committed
 * while the endpoint refuses them (real S3 and LocalStack accept them: see the README).
 */
class ObjectSettingsIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void everyUploadCarriesTheStorageClassTagsAndAclAndTheObjectsAreStored() throws Exception {
        var names = Names.of("object-settings");
        prepare(names);
        try (var relay = RecordingRelay.start(STACK.s3().endpoint())) {
            var run = start(names, relay, Map.of(
                    "S3_STORAGE_CLASS", "standard_ia",
                    "S3_OBJECT_TAGS", "team=data,pipeline=clickstream events",
                    "S3_ACL", "private"));
            SinkSummary summary = run.awaitExit(Duration.ofSeconds(90)).summary();

            assertThat(summary.drainedCleanly()).isTrue();
            List<Request> puts = puts(relay);
            assertThat(puts).hasSize((int) summary.filesUploaded()).allSatisfy(put -> {
                assertThat(put.header("x-amz-storage-class")).isEqualTo("STANDARD_IA");
                assertThat(put.header("x-amz-tagging")).isEqualTo("team=data&pipeline=clickstream%20events");
                assertThat(put.header("x-amz-acl")).isEqualTo("private");
                assertThat(put.header("x-amz-meta-kafka-topic")).as("the uploader's own headers stay").isEqualTo(names.topic());
                assertThat(put.headers()).doesNotContainKey("x-amz-server-side-encryption");
            });
        }
        assertThat(Lake.list(STACK, names)).isNotEmpty();
        var report = Lake.verify(STACK, names, true);
        assertThat(report.ok()).as(report.describe()).isTrue();
    }

    @ParameterizedTest(name = "S3_SSE={0} S3_SSE_KMS_KEY_ID={1}")
    @CsvSource({"AES256,", "aws:kms,alias/clickstream-lake", "aws:kms:dsse,arn:aws:kms:eu-west-1:123456789012:key/1234abcd"})
    void everyUploadAttemptCarriesTheEncryptionHeaders(String sse, String keyId) throws Exception {
        var names = Names.of("object-sse-" + sse.replace(':', '-').toLowerCase(java.util.Locale.ROOT));
        prepare(names);
        Map<String, String> settings = new HashMap<>();
        settings.put("S3_SSE", sse);
        if (keyId != null) {
            settings.put("S3_SSE_KMS_KEY_ID", keyId);
        }
        settings.put("SHUTDOWN_TIMEOUT", "1s");
        try (var relay = RecordingRelay.start(STACK.s3().endpoint())) {
            var run = start(names, relay, settings);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (puts(relay).size() < 4) {
                assertThat(System.nanoTime()).as("four upload attempts within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            SinkSummary summary = run.stop(Duration.ofSeconds(30));

            assertThat(puts(relay)).allSatisfy(put -> {
                assertThat(put.header("x-amz-server-side-encryption")).isEqualTo(sse);
                assertThat(put.header("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(keyId);
            });
            assertThat(summary.filesUploaded()).as("S3Proxy refuses SSE (501): nothing was stored").isZero();
            assertThat(summary.drainedCleanly()).as("and nothing committed past what is not stored").isFalse();
        }
        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers())) {
            assertThat(groups.committed(names.group())).isEmpty();
        }
    }

    private static void prepare(Names names) {
        STACK.kafka().createTopic(names.topic(), 2);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        try (var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), 2, 1, 7)) {
            traffic.send(400, 50);
        }
    }

    /** The consumer in this JVM, uploading through the relay, until it drains (EXIT_WHEN_IDLE) or is stopped. */
    private static InProcessConsumer start(Names names, RecordingRelay relay, Map<String, String> settings) {
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("AWS_ENDPOINT_URL", relay.endpoint().toString());
        env.put("EXIT_WHEN_IDLE", "4s");
        env.putAll(settings);
        return InProcessConsumer.start("object-settings-consumer", env);
    }

    private static List<Request> puts(RecordingRelay relay) {
        return relay.requests().stream().filter(r -> r.method().equals("PUT") && r.target().contains("/lake/")).toList();
    }
}
