package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.common.config.ConfigException;
import io.clickstream.common.config.Setting;
import io.clickstream.consumer.hours.HourSettings;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.LateEventTarget;
import io.clickstream.consumer.route.PartitionTime;
import io.clickstream.consumer.route.RecordRouter;
import io.clickstream.consumer.s3.AssumeRole;
import io.clickstream.consumer.s3.ObjectSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

class ConsumerConfigTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /** The problems reported, or an empty list when the configuration was accepted. */
    private static List<String> problems(Map<String, String> env, Set<String> fromFlags) {
        var e = catchThrowableOfType(ConfigException.class, () -> ConsumerConfig.from(env, fromFlags));
        return e == null ? List.of() : e.problems();
    }

    @Test
    void defaultsNeedNoEnvironmentAtAll() {
        // As on a JVM without a heap limit: the default budget whatever this machine's memory (HeapFitTest holds it
        // against a heap); a host with less than about 1.5 GB of RAM gives a default heap that lowers it.
        ConsumerConfig c = ConsumerConfig.from(Map.of(), Set.of(), Long.MAX_VALUE);

        assertThat(c.kafkaBroker()).isEqualTo("localhost:9092");
        assertThat(c.topic()).isEqualTo("clickstream");
        assertThat(c.groupId()).isEqualTo("clickstream-s3-sink");
        assertThat(c.dlqTopic()).isEqualTo("clickstream-dlq");
        assertThat(c.deadLetterEnabled()).isTrue();
        assertThat(c.bucket()).isEqualTo("clickstream-bucket");
        assertThat(c.prefix()).isEqualTo("clickstream");
        assertThat(c.endpoint()).isNull();
        assertThat(c.region()).as("left to the SDK's region chain").isNull();
        assertThat(c.accessKeyId()).isNull();
        assertThat(c.secretAccessKey()).isNull();
        assertThat(c.pathStyle()).isFalse();
        assertThat(c.maxBatchRecords()).isEqualTo(1_000_000);
        assertThat(c.maxBatchBytes()).isEqualTo(128L << 20);
        assertThat(c.maxBatchAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.bufferMaxBytes()).isEqualTo(256L << 20);
        assertThat(c.parquetCompression()).isEqualTo("zstd");
        assertThat(c.parquetRowGroupBytes()).isEqualTo(32L << 20);
        assertThat(c.parquetPageBytes()).isEqualTo(256L << 10);
        assertThat(c.parquetIdDictionaryBytes()).isEqualTo(2L << 20).isEqualTo(ParquetSettings.DEFAULT_ID_DICTIONARY_BYTES);
        assertThat(c.partitionTime()).isEqualTo(PartitionTime.INGESTION);
        assertThat(c.lateEventMax()).isEqualTo(Duration.ofHours(24));
        assertThat(c.lateEventTarget()).isEqualTo(LateEventTarget.LATE_PREFIX);
        assertThat(c.maxRecordBytes()).isEqualTo(1 << 20);
        assertThat(c.s3MaxAttempts()).isEqualTo(3);
        assertThat(c.uploadBackoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.metricsHost()).isEqualTo("0.0.0.0");
        assertThat(c.metricsPort()).isEqualTo(9404);
        assertThat(c.spoolDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "clickstream-consumer"));
        assertThat(c.exitWhenIdle()).isNull();
        assertThat(c.progressInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.decodeThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.kafkaClient().isEmpty()).isTrue();
        assertThat(c.sessionToken()).isNull();
        assertThat(c.assumeRole()).isNull();
        assertThat(c.objectSettings()).isEqualTo(ObjectSettings.NONE);
    }

    @Test
    void everySettingIsReadFromItsVariable() {
        var env = new HashMap<String, String>();
        env.put("KAFKA_BROKER", "k1:9092,k2:9093");
        env.put("KAFKA_TOPIC", "events.v2");
        env.put("KAFKA_GROUP_ID", "g");
        env.put("DLQ_TOPIC", "events.dlq");
        env.put("S3_BUCKET", "my.bucket-1");
        env.put("S3_PREFIX", "lake/raw/");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("S3_PATH_STYLE", "false");
        env.put("BATCH_MAX_RECORDS", "1_000");
        env.put("BATCH_MAX_BYTES", "8MB");
        env.put("BATCH_MAX_AGE", "5m");
        env.put("BUFFER_MAX_BYTES", "1GB");
        env.put("PARQUET_COMPRESSION", "SNAPPY");
        env.put("PARQUET_ROW_GROUP_BYTES", "64KB");
        env.put("PARQUET_PAGE_BYTES", "8KB");
        env.put("PARQUET_ID_DICTIONARY_BYTES", "512KB");
        env.put("PARTITION_TIME", "event");
        env.put("LATE_EVENT_MAX", "2h");
        env.put("LATE_EVENT_TARGET", "dlq");
        env.put("MAX_RECORD_BYTES", "2KB");
        env.put("S3_MAX_ATTEMPTS", "20");
        env.put("UPLOAD_BACKOFF_MAX", "PT1M");
        env.put("SHUTDOWN_TIMEOUT", "1h");
        env.put("METRICS_HOST", "127.0.0.1");
        env.put("METRICS_PORT", "0");
        env.put("SPOOL_DIR", "/var/spool/cs");
        env.put("EXIT_WHEN_IDLE", "30s");
        env.put("PROGRESS_INTERVAL", "1s");
        env.put("DECODE_THREADS", "3");
        env.put("KAFKA_SESSION_TIMEOUT", "10s");
        env.put("AWS_SESSION_TOKEN", "token");
        env.put("AWS_ASSUME_ROLE_ARN", "arn:aws:iam::123456789012:role/writer");
        env.put("AWS_ASSUME_ROLE_EXTERNAL_ID", "ext-1");
        env.put("AWS_ASSUME_ROLE_SESSION_NAME", "lake-writer");
        env.put("S3_SSE", "aws:kms");
        env.put("S3_SSE_KMS_KEY_ID", "alias/lake");
        env.put("S3_STORAGE_CLASS", "intelligent_tiering");
        env.put("S3_OBJECT_TAGS", "team=data, env = prod");
        env.put("S3_ACL", "bucket-owner-full-control");
        env.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL");

        // BUFFER_MAX_BYTES=1GB needs a heap of 1344 MB: read as on a JVM without a heap limit, or this test fails on a
        // host with less than about 5 GB of RAM (a default heap of a quarter of it).
        ConsumerConfig c = ConsumerConfig.from(env, Set.of(), Long.MAX_VALUE);

        assertThat(c.kafkaBroker()).isEqualTo("k1:9092,k2:9093");
        assertThat(c.topic()).isEqualTo("events.v2");
        assertThat(c.groupId()).isEqualTo("g");
        assertThat(c.dlqTopic()).isEqualTo("events.dlq");
        assertThat(c.bucket()).isEqualTo("my.bucket-1");
        assertThat(c.prefix()).isEqualTo("lake/raw");
        assertThat(c.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.accessKeyId()).isEqualTo("test");
        assertThat(c.secretAccessKey()).isEqualTo("secret");
        assertThat(c.pathStyle()).isFalse();
        assertThat(c.maxBatchRecords()).isEqualTo(1000);
        assertThat(c.maxBatchBytes()).isEqualTo(8L << 20);
        assertThat(c.maxBatchAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.bufferMaxBytes()).isEqualTo(1L << 30);
        assertThat(c.parquetCompression()).isEqualTo("snappy");
        assertThat(c.parquetRowGroupBytes()).isEqualTo(64 * 1024);
        assertThat(c.parquetPageBytes()).isEqualTo(8 * 1024);
        assertThat(c.parquetIdDictionaryBytes()).isEqualTo(512 * 1024);
        assertThat(c.partitionTime()).isEqualTo(PartitionTime.EVENT);
        assertThat(c.lateEventMax()).isEqualTo(Duration.ofHours(2));
        assertThat(c.lateEventTarget()).isEqualTo(LateEventTarget.DLQ);
        assertThat(c.maxRecordBytes()).isEqualTo(2048);
        assertThat(c.parquet()).isEqualTo(new ParquetSettings("snappy", 64 * 1024, 8 * 1024, 512 * 1024));
        assertThat(c.routing()).isEqualTo(new RecordRouter.Rules(2048, PartitionTime.EVENT, Duration.ofHours(2),
                LateEventTarget.DLQ, c.kafkaTimestampMin()));
        assertThat(c.s3MaxAttempts()).isEqualTo(20);
        assertThat(c.uploadBackoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(c.metricsHost()).isEqualTo("127.0.0.1");
        assertThat(c.metricsPort()).isZero();
        assertThat(c.spoolDir()).isEqualTo(Path.of("/var/spool/cs"));
        assertThat(c.exitWhenIdle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.progressInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.decodeThreads()).isEqualTo(3);
        assertThat(c.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.sessionToken()).isEqualTo("token");
        assertThat(c.assumeRole()).isEqualTo(new AssumeRole("arn:aws:iam::123456789012:role/writer", "ext-1", "lake-writer"));
        assertThat(c.objectSettings()).isEqualTo(new ObjectSettings(ServerSideEncryption.AWS_KMS, "alias/lake",
                StorageClass.INTELLIGENT_TIERING, Map.of("team", "data", "env", "prod"), ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL));
        assertThat(c.kafkaClient().asMap()).containsExactly(Map.entry("security.protocol", "SASL_SSL"));
    }

    /** A setting and a value it must refuse. Every setting that can be wrong has at least one row here. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(ConsumerConfig.KAFKA_TOPIC, "has space"),
                Arguments.of(ConsumerConfig.KAFKA_TOPIC, "x".repeat(250)),
                Arguments.of(ConsumerConfig.DLQ_TOPIC, "bad/topic"),
                Arguments.of(ConsumerConfig.DLQ_TOPIC, "clickstream"),
                Arguments.of(ConsumerConfig.S3_BUCKET, "Upper_Case"),
                Arguments.of(ConsumerConfig.S3_BUCKET, "ab"),
                Arguments.of(ConsumerConfig.S3_PREFIX, "../lake"),
                Arguments.of(ConsumerConfig.S3_PREFIX, "lake/.."),
                Arguments.of(ConsumerConfig.S3_PREFIX, "lake/./raw"),
                Arguments.of(ConsumerConfig.S3_PREFIX, "/lake"),
                Arguments.of(ConsumerConfig.S3_PREFIX, "lake//raw"),
                Arguments.of(ConsumerConfig.S3_PREFIX, "lake raw"),
                Arguments.of(ConsumerConfig.S3_PREFIX, "lake?raw"),
                Arguments.of(ConsumerConfig.AWS_ENDPOINT_URL, "ftp://host:21"),
                Arguments.of(ConsumerConfig.AWS_ENDPOINT_URL, "localhost:4566"),
                Arguments.of(ConsumerConfig.AWS_ENDPOINT_URL, "http://"),
                Arguments.of(ConsumerConfig.AWS_ENDPOINT_URL, "http://bad host"),
                Arguments.of(ConsumerConfig.AWS_ENDPOINT_URL, "http://localhost:99999"),
                Arguments.of(ConsumerConfig.AWS_ENDPOINT_URL, "http://localhost:0"),
                Arguments.of(ConsumerConfig.AWS_ENDPOINT_URL, "http://[::1:4566"),
                Arguments.of(ConsumerConfig.AWS_ENDPOINT_URL, "http://localhost:4566?x=1"),
                Arguments.of(ConsumerConfig.S3_PATH_STYLE, "maybe"),
                Arguments.of(ConsumerConfig.BATCH_MAX_RECORDS, "0"),
                Arguments.of(ConsumerConfig.BATCH_MAX_RECORDS, "many"),
                Arguments.of(ConsumerConfig.BATCH_MAX_RECORDS, "100000001"),
                Arguments.of(ConsumerConfig.BATCH_MAX_RECORDS, "4294967297"),
                Arguments.of(ConsumerConfig.BATCH_MAX_BYTES, "1000"),
                Arguments.of(ConsumerConfig.BATCH_MAX_BYTES, "6GB"),
                Arguments.of(ConsumerConfig.BATCH_MAX_BYTES, "lots"),
                Arguments.of(ConsumerConfig.BATCH_MAX_AGE, "50ms"),
                Arguments.of(ConsumerConfig.BATCH_MAX_AGE, "2d"),
                Arguments.of(ConsumerConfig.BATCH_MAX_AGE, "soon"),
                Arguments.of(ConsumerConfig.BUFFER_MAX_BYTES, "512KB"),
                Arguments.of(ConsumerConfig.BUFFER_MAX_BYTES, "65GB"),
                Arguments.of(ConsumerConfig.PARQUET_COMPRESSION, "lz4"),
                Arguments.of(ConsumerConfig.PARQUET_ROW_GROUP_BYTES, "1KB"),
                Arguments.of(ConsumerConfig.PARQUET_PAGE_BYTES, "1KB"),
                Arguments.of(ConsumerConfig.PARQUET_PAGE_BYTES, "65MB"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "1KB"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "65MB"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "0"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "-1"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "3GB"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "99999999999999999999"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "1.5MB"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "2XB"),
                Arguments.of(ConsumerConfig.PARQUET_ID_DICTIONARY_BYTES, "2 MB 2"),
                Arguments.of(ConsumerConfig.PARTITION_TIME, "wallclock"),
                Arguments.of(ConsumerConfig.LATE_EVENT_MAX, "59s"),
                Arguments.of(ConsumerConfig.LATE_EVENT_MAX, "yesterday"),
                Arguments.of(ConsumerConfig.LATE_EVENT_TARGET, "trash"),
                Arguments.of(ConsumerConfig.MAX_RECORD_BYTES, "1000"),
                Arguments.of(ConsumerConfig.MAX_RECORD_BYTES, "65MB"),
                Arguments.of(ConsumerConfig.S3_MAX_ATTEMPTS, "0"),
                Arguments.of(ConsumerConfig.S3_MAX_ATTEMPTS, "21"),
                Arguments.of(ConsumerConfig.UPLOAD_BACKOFF_MAX, "10ms"),
                Arguments.of(ConsumerConfig.UPLOAD_BACKOFF_MAX, "2h"),
                Arguments.of(ConsumerConfig.SHUTDOWN_TIMEOUT, "500ms"),
                Arguments.of(ConsumerConfig.KAFKA_TIMESTAMP_MIN, "2000-01-01"),
                Arguments.of(ConsumerConfig.KAFKA_TIMESTAMP_MIN, "2200-01-01T00:00:00Z"),
                Arguments.of(ConsumerConfig.STARTUP_TIMEOUT, "500ms"),
                Arguments.of(ConsumerConfig.STARTUP_TIMEOUT, "forever"),
                Arguments.of(ConsumerConfig.DLQ_FAILURE, "retry"),
                Arguments.of(ConsumerConfig.KAFKA_GROUP_INSTANCE_ID, "has space"),
                Arguments.of(ConsumerConfig.KAFKA_GROUP_PROTOCOL, "eager"),
                Arguments.of(ConsumerConfig.METRICS_HOST, "bad host"),
                Arguments.of(ConsumerConfig.METRICS_HOST, "http://0.0.0.0"),
                Arguments.of(ConsumerConfig.METRICS_HOST, "0.0.0.0:9404"),
                Arguments.of(ConsumerConfig.METRICS_PORT, "65536"),
                Arguments.of(ConsumerConfig.METRICS_PORT, "-1"),
                Arguments.of(ConsumerConfig.METRICS_PORT, "http"),
                Arguments.of(ConsumerConfig.EXIT_WHEN_IDLE, "10ms"),
                Arguments.of(ConsumerConfig.EXIT_WHEN_IDLE, "never"),
                Arguments.of(ConsumerConfig.PROGRESS_INTERVAL, "100ms"),
                Arguments.of(ConsumerConfig.PROGRESS_INTERVAL, "2h"),
                Arguments.of(ConsumerConfig.DECODE_THREADS, "0"),
                Arguments.of(ConsumerConfig.DECODE_THREADS, "65"),
                Arguments.of(ConsumerConfig.DECODE_THREADS, "all"),
                Arguments.of(ConsumerConfig.KAFKA_SESSION_TIMEOUT, "5s"),
                Arguments.of(ConsumerConfig.KAFKA_SESSION_TIMEOUT, "31m"),
                Arguments.of(ConsumerConfig.AWS_REGION, "eu west 1"),
                Arguments.of(ConsumerConfig.AWS_DEFAULT_REGION, "eu/west"),
                Arguments.of(ConsumerConfig.AWS_ASSUME_ROLE_ARN, "writer"),
                Arguments.of(ConsumerConfig.AWS_ASSUME_ROLE_ARN, "arn:aws:iam::123:role/writer"),
                Arguments.of(ConsumerConfig.AWS_ASSUME_ROLE_ARN, "arn:aws:iam::123456789012:user/writer"),
                Arguments.of(ConsumerConfig.AWS_ASSUME_ROLE_EXTERNAL_ID, "ext"),
                Arguments.of(ConsumerConfig.AWS_ASSUME_ROLE_SESSION_NAME, "a b"),
                Arguments.of(ConsumerConfig.S3_SSE, "aes"),
                Arguments.of(ConsumerConfig.S3_SSE, "aws:kms:other"),
                Arguments.of(ConsumerConfig.S3_SSE_KMS_KEY_ID, "alias/lake"),
                Arguments.of(ConsumerConfig.S3_STORAGE_CLASS, "COLD"),
                Arguments.of(ConsumerConfig.S3_OBJECT_TAGS, "team"),
                Arguments.of(ConsumerConfig.S3_OBJECT_TAGS, "a=1,a=2"),
                Arguments.of(ConsumerConfig.S3_OBJECT_TAGS, "a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11"),
                Arguments.of(ConsumerConfig.S3_OBJECT_TAGS, "team=a,b"),
                Arguments.of(ConsumerConfig.S3_OBJECT_TAGS, "aws:team=data"),
                Arguments.of(ConsumerConfig.S3_OBJECT_TAGS, "team=data;drop"),
                Arguments.of(ConsumerConfig.S3_ACL, "everyone"),
                Arguments.of(HourSettings.HOUR_MARKERS, "maybe"),
                Arguments.of(HourSettings.HOUR_COMPLETE_GRACE, "0s"),
                Arguments.of(HourSettings.HOUR_COMPLETE_GRACE, "8d"),
                Arguments.of(HourSettings.HOUR_CHECK_INTERVAL, "500ms"),
                Arguments.of(HourSettings.HOUR_LOOKBACK, "30m"),
                Arguments.of(HourSettings.HOUR_ORPHANS, "keep"),
                Arguments.of(HourSettings.FINALIZE_HOURS, "yesterday"),
                Arguments.of(HourSettings.FINALIZE_HOURS, "2026-12-04T05..2026-12-04T01"),
                Arguments.of(ConsumerConfig.KAFKA_CLIENT_CONFIG, "/no/such/client.properties"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void aBadValueIsOneProblemNamingItsVariable(Setting setting, String value) {
        List<String> problems = problems(Map.of(setting.env(), value), Set.of());

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(setting.env() + "=").doesNotContain(setting.flag());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void aBadValueFromAFlagNamesTheFlagAndItsVariable(Setting setting, String value) {
        List<String> problems = problems(Map.of(setting.env(), value), Set.of(setting.env()));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(setting.flag() + " (" + setting.env() + ")=");
    }

    @Test
    void everyValidatedSettingHasABadValueCase() {
        var covered = badValues().map(a -> (Setting) a.get()[0]).toList();
        // Free-form settings: any non-blank text is a valid Kafka group id, key prefix, key, token or path.
        var freeForm = List.of(ConsumerConfig.KAFKA_BROKER, ConsumerConfig.KAFKA_GROUP_ID, ConsumerConfig.S3_PREFIX,
                ConsumerConfig.AWS_ACCESS_KEY_ID, ConsumerConfig.AWS_SECRET_ACCESS_KEY, ConsumerConfig.AWS_SESSION_TOKEN,
                ConsumerConfig.SPOOL_DIR);

        assertThat(ConsumerConfig.SETTINGS).allMatch(s -> covered.contains(s) || freeForm.contains(s));
    }

    @Test
    void anIdDictionaryCapSetBelowThePageSizeIsAProblemRatherThanSilentlyRaisedToAPage() {
        assertThat(problems(Map.of("PARQUET_PAGE_BYTES", "256KB", "PARQUET_ID_DICTIONARY_BYTES", "64KB"), Set.of()))
                .containsExactly("PARQUET_ID_DICTIONARY_BYTES=64KB: must be at least PARQUET_PAGE_BYTES (256KB), "
                        + "the dictionary cap of the other columns");
        assertThat(problems(Map.of("PARQUET_ID_DICTIONARY_BYTES", "128KB"), Set.of("PARQUET_ID_DICTIONARY_BYTES")))
                .containsExactly("--parquet-id-dictionary-bytes (PARQUET_ID_DICTIONARY_BYTES)=128KB: must be at least "
                        + "PARQUET_PAGE_BYTES (256KB), the dictionary cap of the other columns");
        // A page's worth is accepted; unset, the default follows pages larger than itself.
        assertThat(problems(Map.of("PARQUET_PAGE_BYTES", "256KB", "PARQUET_ID_DICTIONARY_BYTES", "256KB"), Set.of()))
                .isEmpty();
        assertThat(problems(Map.of("PARQUET_PAGE_BYTES", "8MB"), Set.of())).isEmpty();
    }

    @Test
    void aRangeProblemStatesTheAcceptedRange() {
        assertThat(problems(Map.of("S3_MAX_ATTEMPTS", "21"), Set.of()))
                .containsExactly("S3_MAX_ATTEMPTS=21: must be between 1 and 20");
        assertThat(problems(Map.of("BATCH_MAX_AGE", "2d"), Set.of()).get(0)).isEqualTo("BATCH_MAX_AGE=2d: must be between 0.1s and 24h");
    }

    @Test
    void severalProblemsAreReportedAtOnce() {
        var env = Map.of("BATCH_MAX_RECORDS", "0", "METRICS_PORT", "x", "PARTITION_TIME", "wallclock",
                "S3_BUCKET", "NO", "AWS_ENDPOINT_URL", "gopher://x");

        List<String> problems = problems(env, Set.of("METRICS_PORT"));

        assertThat(problems).hasSize(5);
        assertThat(problems).anyMatch(p -> p.startsWith("BATCH_MAX_RECORDS="))
                .anyMatch(p -> p.startsWith("--metrics-port (METRICS_PORT)="))
                .anyMatch(p -> p.startsWith("PARTITION_TIME="))
                .anyMatch(p -> p.startsWith("S3_BUCKET="))
                .anyMatch(p -> p.startsWith("AWS_ENDPOINT_URL="));
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        var e = catchThrowableOfType(ConfigException.class,
                () -> ConsumerConfig.fromEnvironment(Map.of("BATCH_MAX_RECORDS", "0", "METRICS_PORT", "x")));

        assertThat(e.getMessage()).contains("BATCH_MAX_RECORDS").contains("METRICS_PORT");
    }

    @Test
    void anEmptyDlqTopicDisablesTheDeadLetterTopic() {
        ConsumerConfig c = ConsumerConfig.fromEnvironment(Map.of("DLQ_TOPIC", ""));

        assertThat(c.dlqTopic()).isNull();
        assertThat(c.deadLetterEnabled()).isFalse();
        assertThat(ConsumerConfig.fromEnvironment(Map.of("DLQ_TOPIC", "  ")).deadLetterEnabled()).isFalse();
    }

    @Test
    void lateEventsToTheDlqNeedADlqTopicWithEventTime() {
        var env = Map.of("DLQ_TOPIC", "", "PARTITION_TIME", "event", "LATE_EVENT_TARGET", "dlq");

        assertThat(problems(env, Set.of())).singleElement().asString()
                .startsWith("LATE_EVENT_TARGET=dlq").contains("DLQ_TOPIC");
        // With ingestion time nothing is ever late, so there is nothing to reject.
        assertThat(ConsumerConfig.fromEnvironment(Map.of("DLQ_TOPIC", "", "LATE_EVENT_TARGET", "dlq")).lateEventTarget())
                .isEqualTo(LateEventTarget.DLQ);
    }

    @Test
    void anAccessKeyWithoutASecretIsRejected() {
        assertThat(problems(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"), Set.of())).singleElement().asString()
                .startsWith("AWS_SECRET_ACCESS_KEY").contains("AWS_ACCESS_KEY_ID");
    }

    @Test
    void aSecretWithoutAnAccessKeyIsRejectedWithoutShowingTheSecret() {
        List<String> problems = problems(Map.of("AWS_SECRET_ACCESS_KEY", SECRET, "BATCH_MAX_RECORDS", "0"), Set.of());

        assertThat(problems).hasSize(2).anyMatch(p -> p.startsWith("AWS_ACCESS_KEY_ID"));
        assertThat(String.join("\n", problems)).doesNotContain(SECRET);
    }

    @Test
    void theSecretNeverAppearsInToString() {
        ConsumerConfig c = ConsumerConfig.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_ENDPOINT_URL", "http://localhost:4566"));

        assertThat(c.secretAccessKey()).isEqualTo(SECRET);
        assertThat(c.toString()).doesNotContain(SECRET).contains("localhost:4566");
    }

    @Test
    void pathStyleDefaultsToTrueWithACustomEndpointAndFalseWithout() {
        assertThat(ConsumerConfig.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566")).pathStyle()).isTrue();
        assertThat(ConsumerConfig.fromEnvironment(Map.of()).pathStyle()).isFalse();
        assertThat(ConsumerConfig.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566",
                "S3_PATH_STYLE", "false")).pathStyle()).isFalse();
        assertThat(ConsumerConfig.fromEnvironment(Map.of("S3_PATH_STYLE", "yes")).pathStyle()).isTrue();
    }

    /** Every setting but DLQ_TOPIC, whose empty value is documented to turn the dead-letter topic off. */
    static Stream<Setting> settingsWithoutAnEmptyMeaning() {
        return ConsumerConfig.SETTINGS.stream().filter(s -> s != ConsumerConfig.DLQ_TOPIC);
    }

    @ParameterizedTest
    @MethodSource("settingsWithoutAnEmptyMeaning")
    void anEmptyValueIsOneProblemNamingItsVariableNotTheDefault(Setting setting) {
        for (String empty : List.of("", "  ")) {
            assertThat(problems(Map.of(setting.env(), empty), Set.of())).as("%s='%s'", setting.env(), empty)
                    .singleElement().asString().startsWith(setting.env() + ": is set but empty");
        }
    }

    @Test
    void anEmptyFlagValueNamesTheFlag() {
        assertThat(problems(Map.of("KAFKA_TOPIC", ""), Set.of("KAFKA_TOPIC"))).singleElement().asString()
                .startsWith("--topic (KAFKA_TOPIC): is set but empty");
    }

    @Test
    void aPrefixKeepsItsSegmentsWithoutTheTrailingSlash() {
        assertThat(ConsumerConfig.fromEnvironment(Map.of("S3_PREFIX", "lake/raw/")).prefix()).isEqualTo("lake/raw");
        assertThat(ConsumerConfig.fromEnvironment(Map.of("S3_PREFIX", "team-a/clickstream_v2")).prefix())
                .isEqualTo("team-a/clickstream_v2");
    }

    @Test
    void anEndpointWithCredentialsIsRefusedWithoutShowingThem() {
        assertThat(problems(Map.of("AWS_ENDPOINT_URL", "http://admin:hunter2@localhost:4566"), Set.of()))
                .singleElement().asString().startsWith("AWS_ENDPOINT_URL=http://****@localhost:4566: must not hold credentials")
                .doesNotContain("hunter2");
    }

    @Test
    void theFlagSpellingIsOnlyUsedForValuesThatCameFromFlags() {
        List<String> problems = problems(Map.of("BATCH_MAX_RECORDS", "0", "S3_MAX_ATTEMPTS", "0"),
                Set.of("S3_MAX_ATTEMPTS"));

        assertThat(problems).containsExactlyInAnyOrder(
                "BATCH_MAX_RECORDS=0: must be between 1 and 100000000",
                "--s3-max-attempts (S3_MAX_ATTEMPTS)=0: must be between 1 and 20");
    }

    @Test
    void everySettingHasItsOwnVariableAndFlag() {
        assertThat(ConsumerConfig.SETTINGS).extracting(Setting::env).doesNotHaveDuplicates();
        assertThat(ConsumerConfig.SETTINGS).extracting(Setting::flag).doesNotHaveDuplicates();
    }

    @Test
    void dotAndDotDotAreNotTopicNames() {
        for (String name : List.of(".", "..")) {
            assertThat(problems(Map.of("KAFKA_TOPIC", name), Set.of())).as(name).singleElement().asString()
                    .startsWith("KAFKA_TOPIC=");
            assertThat(problems(Map.of("DLQ_TOPIC", name), Set.of())).as(name).singleElement().asString()
                    .startsWith("DLQ_TOPIC=");
        }
    }

    @Test
    void aBrokerWithoutAPortIsRejectedNamingKafkaBroker() {
        assertThatThrownBy(() -> ConsumerConfig.fromEnvironment(Map.of("KAFKA_BROKER", "localhost")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KAFKA_BROKER");
        assertThatThrownBy(() -> ConsumerConfig.fromEnvironment(Map.of("KAFKA_BROKER", "k1:abc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KAFKA_BROKER");
    }

    @Test
    void theRegionFlagWinsOverAwsRegionWhichWinsOverAwsDefaultRegion() {
        var env = Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-west-2");

        assertThat(ConsumerConfig.from(Map.of("AWS_DEFAULT_REGION", "us-west-2"), Set.of()).region()).isEqualTo("us-west-2");
        assertThat(ConsumerConfig.from(env, Set.of()).region()).isEqualTo("eu-west-1");
        var flag = new HashMap<>(env);
        flag.put("AWS_REGION", "ap-south-1"); // what --region puts over AWS_REGION
        assertThat(ConsumerConfig.from(flag, Set.of("AWS_REGION")).region()).isEqualTo("ap-south-1");
    }

    @Test
    void aSessionTokenGoesWithStaticKeysOnlyAndIsNeverShown() {
        String token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN";
        var withKeys = ConsumerConfig.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", token));
        var alone = ConsumerConfig.fromEnvironment(Map.of("AWS_SESSION_TOKEN", token));

        assertThat(withKeys.sessionToken()).isEqualTo(token);
        assertThat(withKeys.toString()).doesNotContain(token);
        assertThat(alone.sessionToken()).as("without keys the SDK's chain reads it next to the keys it finds").isNull();
    }

    @Test
    void anAssumedRoleGetsASessionNameNamingTheInstanceUnlessOneIsGiven() {
        var c = ConsumerConfig.fromEnvironment(Map.of("AWS_ASSUME_ROLE_ARN", "arn:aws-cn:iam::123456789012:role/path/writer",
                "HOSTNAME", "pod-7"));

        assertThat(c.assumeRole().sessionName()).isEqualTo("clickstream-consumer-pod-7-" + ProcessHandle.current().pid());
        assertThat(c.assumeRole().externalId()).isNull();
        assertThat(c.toString()).contains("assumeRole=arn:aws-cn:iam::123456789012:role/path/writer");
    }

    @Test
    void anExternalIdOrSessionNameWithoutARoleIsRejected() {
        assertThat(problems(Map.of("AWS_ASSUME_ROLE_EXTERNAL_ID", "ext-1"), Set.of()))
                .containsExactly("AWS_ASSUME_ROLE_EXTERNAL_ID=ext-1: needs AWS_ASSUME_ROLE_ARN");
    }

    @Test
    void aKmsKeyNeedsKmsEncryption() {
        assertThat(problems(Map.of("S3_SSE", "AES256", "S3_SSE_KMS_KEY_ID", "alias/lake"), Set.of()))
                .containsExactly("S3_SSE_KMS_KEY_ID=alias/lake: needs S3_SSE=aws:kms or aws:kms:dsse, not AES256");
        assertThat(ConsumerConfig.fromEnvironment(Map.of("S3_SSE", "aws:kms:dsse", "S3_SSE_KMS_KEY_ID", "k")).objectSettings()
                .sse()).isEqualTo(ServerSideEncryption.AWS_KMS_DSSE);
    }

    @Test
    void aKafkaClientPropertyANamedSettingControlsIsRefusedNamingBoth() {
        assertThat(problems(Map.of("KAFKA_CLIENT_SESSION_TIMEOUT_MS", "10000"), Set.of())).containsExactly(
                "KAFKA_CLIENT_SESSION_TIMEOUT_MS: sets session.timeout.ms, which KAFKA_SESSION_TIMEOUT (--session-timeout) "
                        + "controls: set KAFKA_SESSION_TIMEOUT instead");
        assertThat(problems(Map.of("KAFKA_CLIENT_ENABLE_AUTO_COMMIT", "true"), Set.of())).singleElement().asString()
                .startsWith("KAFKA_CLIENT_ENABLE_AUTO_COMMIT: enable.auto.commit cannot be overridden");
    }

    @Test
    void kafkaClientSecretsNeverAppearInToString() {
        var c = ConsumerConfig.fromEnvironment(Map.of("KAFKA_CLIENT_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"" + SECRET + "\";",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", SECRET));

        assertThat(c.toString()).contains("sasl.jaas.config=[hidden]", "ssl.truststore.password=[hidden]").doesNotContain(SECRET);
    }
}
