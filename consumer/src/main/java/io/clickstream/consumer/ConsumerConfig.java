package io.clickstream.consumer;

import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.HostNames;
import io.clickstream.common.config.Setting;
import io.clickstream.common.config.Units;
import io.clickstream.common.kafka.KafkaClientProperties;
import io.clickstream.consumer.delivery.DeadLetterFailure;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the consumer can be told, read once at start-up from the environment (flags override)
 * and validated as a whole: a bad value is one line naming the variable and the accepted range.
 */
public record ConsumerConfig(
        String kafkaBroker,
        String topic,
        String groupId,
        String dlqTopic,
        String bucket,
        String prefix,
        URI endpoint,
        String region,
        String accessKeyId,
        String secretAccessKey,
        boolean pathStyle,
        int maxBatchRecords,
        long maxBatchBytes,
        Duration maxBatchAge,
        long bufferMaxBytes,
        String parquetCompression,
        long parquetRowGroupBytes,
        long parquetPageBytes,
        long parquetIdDictionaryBytes,
        PartitionTime partitionTime,
        Duration lateEventMax,
        LateEventTarget lateEventTarget,
        int maxRecordBytes,
        int s3MaxAttempts,
        Duration uploadBackoffMax,
        Duration shutdownTimeout,
        String metricsHost,
        int metricsPort,
        Path spoolDir,
        Duration exitWhenIdle,
        Duration progressInterval,
        int decodeThreads,
        Duration sessionTimeout,
        Instant kafkaTimestampMin,
        Duration startupTimeout,
        DeadLetterFailure dlqFailure,
        String groupInstanceId,
        GroupProtocol groupProtocol,
        KafkaClientProperties kafkaClient,
        String sessionToken,
        AssumeRole assumeRole,
        ObjectSettings objectSettings,
        HourSettings hours) {

    /** How the consumer takes part in its group ({@code KAFKA_GROUP_PROTOCOL}). */
    public enum GroupProtocol {
        /** The rebalance protocol Kafka had before 4.0: the client assigns (cooperative-sticky here). */
        CLASSIC,
        /** KIP-848 (Kafka 4): the broker assigns, incrementally, and sets the session timeout. */
        CONSUMER
    }

    public static final Setting KAFKA_BROKER = new Setting("KAFKA_BROKER", "--broker", "localhost:9092",
            "Kafka bootstrap servers, host:port[,host:port]");
    public static final Setting KAFKA_TOPIC = new Setting("KAFKA_TOPIC", "--topic", "clickstream",
            "topic to consume");
    public static final Setting KAFKA_GROUP_ID = new Setting("KAFKA_GROUP_ID", "--group-id", "clickstream-s3-sink",
            "consumer group; run more instances with the same group to scale out");
    public static final Setting DLQ_TOPIC = new Setting("DLQ_TOPIC", "--dlq-topic", "clickstream-dlq",
            "dead-letter topic for invalid records (key, value and headers kept, error.* and source.* headers added); empty = log and skip");
    public static final Setting S3_BUCKET = new Setting("S3_BUCKET", "--bucket", "clickstream-bucket",
            "bucket the lake is written to (must exist: a missing bucket is exit code 2)");
    public static final Setting S3_PREFIX = new Setting("S3_PREFIX", "--prefix", "clickstream",
            "key prefix of the lake inside the bucket: segments of letters, digits and ! - _ . * ' ( ) separated by /; no . or .. segment");
    public static final Setting AWS_ENDPOINT_URL = new Setting("AWS_ENDPOINT_URL", "--endpoint-url", null,
            "S3 endpoint (LocalStack, S3Proxy, MinIO); unset = real AWS");
    public static final Setting AWS_REGION = new Setting("AWS_REGION", "--region", null,
            "AWS region; unset = AWS_DEFAULT_REGION, then the profile and instance metadata (us-east-1 with a non-AWS AWS_ENDPOINT_URL)");
    public static final Setting AWS_DEFAULT_REGION = new Setting("AWS_DEFAULT_REGION", "--default-region", null,
            "AWS region when AWS_REGION is unset (the AWS CLI's name)");
    public static final Setting AWS_ACCESS_KEY_ID = new Setting("AWS_ACCESS_KEY_ID", "--access-key-id", null,
            "access key; unset = the default AWS credentials chain");
    public static final Setting AWS_SECRET_ACCESS_KEY = new Setting("AWS_SECRET_ACCESS_KEY", "--secret-access-key", null,
            "secret key (never logged)");
    public static final Setting AWS_SESSION_TOKEN = new Setting("AWS_SESSION_TOKEN", "--session-token", null,
            "session token of temporary keys, with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (never logged)");
    public static final Setting AWS_ASSUME_ROLE_ARN = new Setting("AWS_ASSUME_ROLE_ARN", "--assume-role-arn", null,
            "IAM role to assume with STS over the credentials found (keys, web identity, profile, instance role); unset = use those");
    public static final Setting AWS_ASSUME_ROLE_EXTERNAL_ID = new Setting("AWS_ASSUME_ROLE_EXTERNAL_ID",
            "--assume-role-external-id", null, "external id the role's trust policy asks for");
    public static final Setting AWS_ASSUME_ROLE_SESSION_NAME = new Setting("AWS_ASSUME_ROLE_SESSION_NAME",
            "--assume-role-session-name", null, "role session name (CloudTrail); default clickstream-consumer-<host>-<pid>");
    public static final Setting S3_PATH_STYLE = new Setting("S3_PATH_STYLE", "--path-style", null,
            "path-style S3 addressing, true/false; default true when AWS_ENDPOINT_URL is set");
    public static final Setting S3_SSE = new Setting("S3_SSE", "--sse", null,
            "server-side encryption of each object: AES256, aws:kms or aws:kms:dsse; unset = the bucket's default");
    public static final Setting S3_SSE_KMS_KEY_ID = new Setting("S3_SSE_KMS_KEY_ID", "--sse-kms-key-id", null,
            "KMS key (id, ARN or alias) for S3_SSE=aws:kms or aws:kms:dsse; unset = the AWS managed key aws/s3");
    public static final Setting S3_STORAGE_CLASS = new Setting("S3_STORAGE_CLASS", "--storage-class", null,
            "storage class of each object (STANDARD_IA, INTELLIGENT_TIERING, ...); unset = STANDARD");
    public static final Setting S3_OBJECT_TAGS = new Setting("S3_OBJECT_TAGS", "--object-tags", null,
            "tags of each object, key=value[,key=value] (at most 10; needs s3:PutObjectTagging)");
    public static final Setting S3_ACL = new Setting("S3_ACL", "--acl", null,
            "canned ACL of each object (e.g. bucket-owner-full-control); unset = none, as buckets with ACLs disabled require");
    public static final Setting BATCH_MAX_RECORDS = new Setting("BATCH_MAX_RECORDS", "--batch-max-records", "1000000",
            "a file closes after this many rows");
    public static final Setting BATCH_MAX_BYTES = new Setting("BATCH_MAX_BYTES", "--batch-max-bytes", "128MB",
            "a file closes at this encoded size");
    public static final Setting BATCH_MAX_AGE = new Setting("BATCH_MAX_AGE", "--batch-max-age", "60s",
            "a partition's open files close this long after their first record, even if the partition went quiet");
    public static final Setting BUFFER_MAX_BYTES = new Setting("BUFFER_MAX_BYTES", "--buffer-max-bytes", "256MB",
            "memory budget across all open files; when reached, the partition with the largest is flushed early. The heap "
                    + "must hold 1.25 x it + 64 MB: a larger value is refused, and unset it is lowered to fit a smaller heap");
    public static final Setting PARQUET_COMPRESSION = new Setting("PARQUET_COMPRESSION", "--parquet-compression", "zstd",
            "zstd, snappy, gzip or uncompressed");
    public static final Setting PARQUET_ROW_GROUP_BYTES = new Setting("PARQUET_ROW_GROUP_BYTES", "--parquet-row-group-bytes",
            "32MB", "Parquet row group size (a full row group goes to the local spool file, not memory)");
    public static final Setting PARQUET_PAGE_BYTES = new Setting("PARQUET_PAGE_BYTES", "--parquet-page-bytes", "256KB",
            "Parquet page size; an open file holds about 300 KB + 2 pages of heap before its data");
    public static final Setting PARQUET_ID_DICTIONARY_BYTES = new Setting("PARQUET_ID_DICTIONARY_BYTES",
            "--parquet-id-dictionary-bytes", "2MB",
            "dictionary cap of user_id, session_id and ip_address per file, at least PARQUET_PAGE_BYTES (other "
                    + "columns: one page; unset: 2MB or a page if larger); held and counted in BUFFER_MAX_BYTES at about twice that");
    public static final Setting PARTITION_TIME = new Setting("PARTITION_TIME", "--partition-time", "ingestion",
            "ingestion (Kafka timestamp) or event (the event's own time) picks the hour folder");
    public static final Setting LATE_EVENT_MAX = new Setting("LATE_EVENT_MAX", "--late-event-max", "24h",
            "with PARTITION_TIME=event: events older than this behind their Kafka timestamp are late");
    public static final Setting LATE_EVENT_TARGET = new Setting("LATE_EVENT_TARGET", "--late-event-target", "late-prefix",
            "late-prefix (under <prefix>/late/) or dlq");
    public static final Setting MAX_RECORD_BYTES = new Setting("MAX_RECORD_BYTES", "--max-record-bytes", "1MB",
            "larger record values are dead-lettered unparsed (reason record_too_large)");
    public static final Setting S3_MAX_ATTEMPTS = new Setting("S3_MAX_ATTEMPTS", "--s3-max-attempts", "3",
            "attempts per S3 call by the SDK's retry strategy, before the batch-level backoff takes over");
    public static final Setting UPLOAD_BACKOFF_MAX = new Setting("UPLOAD_BACKOFF_MAX", "--upload-backoff-max", "30s",
            "cap of the exponential backoff (with jitter) between attempts to upload a batch");
    public static final Setting SHUTDOWN_TIMEOUT = new Setting("SHUTDOWN_TIMEOUT", "--shutdown-timeout", "30s",
            "how long SIGTERM may take to flush, upload and commit");
    public static final Setting METRICS_HOST = new Setting("METRICS_HOST", "--metrics-host", "0.0.0.0",
            "address the HTTP endpoint (/metrics, /health, /ready) listens on, e.g. 127.0.0.1 for this machine only");
    public static final Setting METRICS_PORT = new Setting("METRICS_PORT", "--metrics-port", "9404",
            "port of the HTTP endpoint: Prometheus /metrics, /health (liveness), /ready (readiness); 0 = off");
    public static final Setting SPOOL_DIR = new Setting("SPOOL_DIR", "--spool-dir", null,
            "local folder for Parquet files before upload; default <tmp>/clickstream-consumer");
    public static final Setting EXIT_WHEN_IDLE = new Setting("EXIT_WHEN_IDLE", "--exit-when-idle", null,
            "flush, commit and exit once every assigned partition is read to its end and nothing arrived for this long (e.g. 30s); never before a first assignment; unset = run forever");
    public static final Setting PROGRESS_INTERVAL = new Setting("PROGRESS_INTERVAL", "--progress-interval", "10s",
            "how often a progress line is logged");

    public static final Setting DECODE_THREADS = new Setting("DECODE_THREADS", "--decode-threads", null,
            "threads that decode, validate and encode records, partitions in parallel (the poll thread included); default: the number of CPUs");

    public static final Setting KAFKA_SESSION_TIMEOUT = new Setting("KAFKA_SESSION_TIMEOUT", "--session-timeout", "45s",
            "how long a consumer that stopped heartbeating (killed, frozen) keeps its partitions; 6s to 30m (the broker's bounds)");

    public static final Setting KAFKA_TIMESTAMP_MIN = new Setting("KAFKA_TIMESTAMP_MIN", "--kafka-timestamp-min",
            "2000-01-01T00:00:00Z", "records with an older Kafka timestamp are dead-lettered (reason kafka_timestamp_too_old), "
                    + "never written under year=1970; ISO-8601");
    public static final Setting STARTUP_TIMEOUT = new Setting("STARTUP_TIMEOUT", "--startup-timeout", "2m",
            "how long to wait at start-up for Kafka and S3 (refused, timed out, host not resolvable yet) before exit code 1; "
                    + "0 = forever. Outages after start-up are waited out");
    public static final Setting DLQ_FAILURE = new Setting("DLQ_FAILURE", "--dlq-failure", "fail",
            "a dead letter the dead-letter topic refuses for good (too large, not authorized, unknown topic): fail = exit 1 "
                    + "naming it, nothing committed past it; skip = log its coordinates and go on");

    public static final Setting KAFKA_GROUP_INSTANCE_ID = new Setting("KAFKA_GROUP_INSTANCE_ID", "--group-instance-id", null,
            "static group membership (group.instance.id): a consumer restarted with the same id takes its partitions back "
                    + "without a rebalance; auto = the HOSTNAME the process sees (a container's own name); unset = dynamic membership");
    public static final Setting KAFKA_GROUP_PROTOCOL = new Setting("KAFKA_GROUP_PROTOCOL", "--group-protocol", "classic",
            "classic (client-side cooperative-sticky assignment; KAFKA_SESSION_TIMEOUT applies) or consumer (KIP-848, Kafka 4: "
                    + "the broker assigns and its group.consumer.session.timeout.ms applies)");

    public static final Setting KAFKA_CLIENT_CONFIG = KafkaClientProperties.KAFKA_CLIENT_CONFIG;

    public static final List<Setting> SETTINGS = List.of(KAFKA_BROKER, KAFKA_TOPIC, KAFKA_GROUP_ID, DLQ_TOPIC, S3_BUCKET,
            S3_PREFIX, AWS_ENDPOINT_URL, AWS_REGION, AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
            AWS_SESSION_TOKEN, AWS_ASSUME_ROLE_ARN, AWS_ASSUME_ROLE_EXTERNAL_ID, AWS_ASSUME_ROLE_SESSION_NAME, S3_PATH_STYLE,
            S3_SSE, S3_SSE_KMS_KEY_ID, S3_STORAGE_CLASS, S3_OBJECT_TAGS, S3_ACL, BATCH_MAX_RECORDS, BATCH_MAX_BYTES, BATCH_MAX_AGE, BUFFER_MAX_BYTES, PARQUET_COMPRESSION,
            PARQUET_ROW_GROUP_BYTES, PARQUET_PAGE_BYTES, PARQUET_ID_DICTIONARY_BYTES, PARTITION_TIME, LATE_EVENT_MAX, LATE_EVENT_TARGET,
            MAX_RECORD_BYTES, S3_MAX_ATTEMPTS, UPLOAD_BACKOFF_MAX, SHUTDOWN_TIMEOUT, METRICS_HOST, METRICS_PORT, SPOOL_DIR,
            EXIT_WHEN_IDLE, PROGRESS_INTERVAL, DECODE_THREADS, KAFKA_SESSION_TIMEOUT, KAFKA_TIMESTAMP_MIN, STARTUP_TIMEOUT,
            DLQ_FAILURE, KAFKA_GROUP_INSTANCE_ID, KAFKA_GROUP_PROTOCOL, HourSettings.HOUR_MARKERS, HourSettings.HOUR_COMPLETE_GRACE,
            HourSettings.HOUR_CHECK_INTERVAL, HourSettings.HOUR_LOOKBACK, HourSettings.HOUR_ORPHANS, HourSettings.FINALIZE_HOURS,
            KAFKA_CLIENT_CONFIG);

    private static final Set<String> COMPRESSIONS = Set.of("zstd", "snappy", "gzip", "uncompressed");
    private static final long MB = 1L << 20;

    public static ConsumerConfig fromEnvironment(Map<String, String> env) {
        return from(env, Set.of());
    }

    /** @throws io.clickstream.common.config.ConfigException listing every problem */
    public static ConsumerConfig from(Map<String, String> values, Set<String> fromFlags) {
        return from(values, fromFlags, HeapFit.configuredMaxHeap());
    }

    /**
     * As {@link #from(Map, Set)}, for a JVM whose maximum heap is {@code maxHeap} ({@code Long.MAX_VALUE}: no limit),
     * which {@code BUFFER_MAX_BYTES} must fit ({@link HeapFit}).
     */
    static ConsumerConfig from(Map<String, String> values, Set<String> fromFlags, long maxHeap) {
        var r = new ConfigReader(values, fromFlags);
        String broker = SettingChecks.brokers(r, r.required(KAFKA_BROKER));
        String topic = SettingChecks.topicName(r, KAFKA_TOPIC, r.required(KAFKA_TOPIC));
        String group = r.required(KAFKA_GROUP_ID);
        String dlq = r.stringAllowEmpty(DLQ_TOPIC);
        if (!dlq.isEmpty()) {
            SettingChecks.topicName(r, DLQ_TOPIC, dlq);
            if (dlq.equals(topic)) {
                r.problem(DLQ_TOPIC, dlq, "must differ from KAFKA_TOPIC");
            }
        }
        String bucket = r.required(S3_BUCKET);
        if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            r.problem(S3_BUCKET, bucket, "is not a valid bucket name (3-63 of a-z, 0-9, '.', '-')");
        }
        String prefix = SettingChecks.prefix(r);
        URI endpoint = SettingChecks.endpoint(r);
        String region = SettingChecks.region(r);
        String accessKey = r.string(AWS_ACCESS_KEY_ID);
        String secretKey = r.string(AWS_SECRET_ACCESS_KEY);
        if ((accessKey == null) != (secretKey == null)) {
            r.problem(accessKey == null ? AWS_ACCESS_KEY_ID : AWS_SECRET_ACCESS_KEY, null,
                    "must be set together with " + (accessKey == null ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"));
        }
        // With static keys the token makes them session credentials. Without keys the SDK's chain reads
        // AWS_SESSION_TOKEN from the environment itself, next to the keys it finds there.
        // Read whatever the keys (an empty value is reported); without keys the default chain takes it itself.
        String givenToken = r.string(AWS_SESSION_TOKEN);
        String sessionToken = accessKey == null ? null : givenToken;
        AssumeRole assumeRole = SettingChecks.assumeRole(r, values);
        ObjectSettings objectSettings = SettingChecks.objectSettings(r);
        boolean pathStyle = SettingChecks.bool(r, S3_PATH_STYLE, endpoint != null);
        int maxRecords = r.integer(BATCH_MAX_RECORDS, 1, 100_000_000);
        long maxBytes = r.bytes(BATCH_MAX_BYTES, 1024, 5L << 30);
        Duration maxAge = r.duration(BATCH_MAX_AGE, Duration.ofMillis(100), Duration.ofDays(1));
        long budget = HeapFit.budget(r, values, r.bytes(BUFFER_MAX_BYTES, MB, 64L << 30), maxHeap);
        String compression = r.raw(PARQUET_COMPRESSION).orElse("zstd").toLowerCase(java.util.Locale.ROOT);
        if (!COMPRESSIONS.contains(compression)) {
            r.problem(PARQUET_COMPRESSION, compression, "must be one of zstd, snappy, gzip, uncompressed");
        }
        long rowGroup = r.bytes(PARQUET_ROW_GROUP_BYTES, 64 * 1024, 1L << 30);
        long page = r.bytes(PARQUET_PAGE_BYTES, 4 * 1024, 64 * MB);
        long idDictionary = r.bytes(PARQUET_ID_DICTIONARY_BYTES, 4 * 1024, 64 * MB);
        // The writer never caps these columns below a page (the other columns' cap): a value set below one would be
        // raised without a word, so it is refused. Unset, the default follows a page larger than itself.
        String idDictionaryGiven = values.get(PARQUET_ID_DICTIONARY_BYTES.env());
        if (idDictionaryGiven != null && !idDictionaryGiven.isBlank() && Units.parseBytes(idDictionaryGiven).isPresent()
                && idDictionary >= 4 * 1024 && idDictionary < page && page <= 64 * MB) {
            r.problem(PARQUET_ID_DICTIONARY_BYTES, idDictionaryGiven.trim(), "must be at least PARQUET_PAGE_BYTES ("
                    + Units.formatBytes(page) + "), the dictionary cap of the other columns");
        }
        PartitionTime partitionTime = r.choice(PARTITION_TIME, PartitionTime.class);
        Duration lateMax = r.duration(LATE_EVENT_MAX, Duration.ofMinutes(1), Duration.ofDays(3650));
        LateEventTarget lateTarget = r.choice(LATE_EVENT_TARGET, LateEventTarget.class);
        if (lateTarget == LateEventTarget.DLQ && dlq.isEmpty() && partitionTime == PartitionTime.EVENT) {
            r.problem(LATE_EVENT_TARGET, "dlq", "needs DLQ_TOPIC to be set");
        }
        int maxRecordBytes = (int) r.bytes(MAX_RECORD_BYTES, 1024, 64 * MB);
        int attempts = r.integer(S3_MAX_ATTEMPTS, 1, 20);
        Duration backoffMax = r.duration(UPLOAD_BACKOFF_MAX, Duration.ofMillis(100), Duration.ofHours(1));
        Duration shutdown = r.duration(SHUTDOWN_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1));
        String metricsHost = r.string(METRICS_HOST);
        if (!HostNames.isHostOrAddress(metricsHost)) {
            r.problem(METRICS_HOST, metricsHost, "is not an IP address or host name (0.0.0.0 = every interface)");
        }
        int metricsPort = r.integer(METRICS_PORT, 0, 65535);
        Path spool = r.raw(SPOOL_DIR).map(Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "clickstream-consumer"));
        Duration idle = r.raw(EXIT_WHEN_IDLE).isPresent()
                ? r.duration(EXIT_WHEN_IDLE, Duration.ofMillis(100), Duration.ofDays(1)) : null;
        Duration progress = r.duration(PROGRESS_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
        int decodeThreads = r.raw(DECODE_THREADS).isPresent()
                ? r.integer(DECODE_THREADS, 1, 64) : Runtime.getRuntime().availableProcessors();
        Duration sessionTimeout = r.duration(KAFKA_SESSION_TIMEOUT, Duration.ofSeconds(6), Duration.ofMinutes(30));
        Instant timestampMin = r.instant(KAFKA_TIMESTAMP_MIN, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
        Duration startupTimeout = "0".equals(r.string(STARTUP_TIMEOUT)) ? Duration.ZERO
                : r.duration(STARTUP_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(7));
        DeadLetterFailure dlqFailure = r.choice(DLQ_FAILURE, DeadLetterFailure.class);
        String instanceId = SettingChecks.groupInstanceId(r, values);
        GroupProtocol protocol = r.choice(KAFKA_GROUP_PROTOCOL, GroupProtocol.class);
        HourSettings hours = HourSettings.read(r, partitionTime, lateMax);
        KafkaClientProperties kafkaClient = KafkaClientProperties.read(r, SETTINGS);
        r.throwIfInvalid();
        return new ConsumerConfig(broker, topic, group, dlq.isEmpty() ? null : dlq, bucket, prefix, endpoint, region,
                accessKey, secretKey, pathStyle, maxRecords, maxBytes, maxAge, budget, compression, rowGroup, page,
                idDictionary, partitionTime, lateMax, lateTarget, maxRecordBytes, attempts, backoffMax, shutdown, metricsHost, metricsPort, spool,
                idle, progress, decodeThreads, sessionTimeout, timestampMin, startupTimeout, dlqFailure, instanceId, protocol,
                kafkaClient, sessionToken, assumeRole, objectSettings, hours);
    }

    /** How records are checked and routed to their hour ({@code MAX_RECORD_BYTES}, {@code PARTITION_TIME}, ...). */
    public RecordRouter.Rules routing() {
        return new RecordRouter.Rules(maxRecordBytes, partitionTime, lateEventMax, lateEventTarget, kafkaTimestampMin);
    }

    /** How the lake's Parquet files are written ({@code PARQUET_*}). */
    public ParquetSettings parquet() {
        return new ParquetSettings(parquetCompression, parquetRowGroupBytes, parquetPageBytes, parquetIdDictionaryBytes);
    }

    /** False when {@code DLQ_TOPIC=} (empty): invalid records are then logged and skipped. */
    public boolean deadLetterEnabled() {
        return dlqTopic != null;
    }

    @Override
    public String toString() {
        // Never print the secret: this string may reach a log line.
        return "ConsumerConfig[broker=" + kafkaBroker + ", topic=" + topic + ", group=" + groupId + ", dlq=" + dlqTopic
                + ", s3://" + bucket + "/" + prefix + ", endpoint=" + endpoint + ", region=" + region
                + ", batch=" + maxBatchRecords + " rows/" + maxBatchBytes + " B/" + maxBatchAge
                + ", budget=" + bufferMaxBytes + " B, compression=" + parquetCompression
                + ", partitionTime=" + partitionTime + ", objects=" + objectSettings.describe()
                + (assumeRole == null ? "" : ", assumeRole=" + assumeRole)
                + ", kafkaClient=" + kafkaClient.describe() + "]";
    }
}
