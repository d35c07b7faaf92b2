package io.clickstream.sandbox.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checks a lake against its topic with readers independent of the consumer: the objects are
 * fetched over the S3 API and read with DuckDB, the topic and dead-letter topic with a plain
 * {@link KafkaConsumer}.
 */
public final class LakeVerifier {
    /** Column name to DuckDB type, as documented in the README. */
    static final Map<String, String> EXPECTED_COLUMNS = expectedColumns();

    public enum HourSource { INGESTED_AT, TIMESTAMP }

    public record Target(String bootstrapServers, String topic, String dlqTopic, S3Client s3, String bucket, String prefix,
            HourSource hourSource) {
    }

    private LakeVerifier() {
    }

    public static VerifierReport verify(Target target) {
        Path dir;
        try {
            dir = Files.createTempDirectory("lake-verify");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int files = LakeDownloader.download(target.s3(), target.bucket(), target.prefix(), dir);
            Path root = target.prefix() == null || target.prefix().isEmpty() ? dir : dir.resolve(target.prefix());
            return verifyFolder(root, files, target);
        } finally {
            deleteRecursively(dir);
        }
    }

    public static VerifierReport verifyFolder(Path root, int files, Target target) {
        Map<TopicPartition, long[]> ranges = offsetRanges(target.bootstrapServers(), target.topic());
        List<long[]> deadLetters = target.dlqTopic() == null ? List.of()
                : deadLetterSources(target.bootstrapServers(), target.dlqTopic(), target.topic());
        try (var lake = new LakeQuery(root)) {
            lake.execute("CREATE TABLE expected_ranges(p INTEGER, b BIGINT, e BIGINT)");
            lake.execute("CREATE TABLE dlq(p INTEGER, o BIGINT)");
            insert(lake, "INSERT INTO expected_ranges VALUES (?, ?, ?)", ranges.entrySet().stream()
                    .map(e -> new long[] {e.getKey().partition(), e.getValue()[0], e.getValue()[1]}).toList());
            insert(lake, "INSERT INTO dlq VALUES (?, ?)", deadLetters);
            long expected = lake.scalar("SELECT coalesce(sum(e - b), 0) FROM expected_ranges");
            if (files == 0) {
                long missing = expected - lake.scalar("SELECT count(DISTINCT (p, o)) FROM dlq");
                return new VerifierReport(expected, 0, 0, deadLetters.size(), 0, missing, 0,
                        expected > 0 ? List.of("no Parquet files under the prefix") : List.of(), List.of());
            }
            List<String> schemaProblems = schemaProblems(lake);
            if (!schemaProblems.isEmpty()) {
                return new VerifierReport(expected, -1, files, deadLetters.size(), -1, -1, -1, schemaProblems, List.of());
            }
            // Cast explicitly: hive partitioning may type a zero-padded folder value (hour=00..09, month=01..09,
            // day=01..09) as VARCHAR, and make_timestamp has no VARCHAR overload. LakeQuery declares the keys as
            // BIGINT; the casts keep this query right for any source that does not.
            lake.execute("CREATE TABLE lake AS SELECT kafka_partition AS p, kafka_offset AS o, epoch_us("
                    + (target.hourSource() == HourSource.TIMESTAMP ? "\"timestamp\"" : "ingested_at")
                    + ") // 3600000000 AS row_hour, epoch_us(make_timestamp(CAST(year AS BIGINT), CAST(month AS BIGINT),"
                    + " CAST(day AS BIGINT), CAST(hour AS BIGINT), 0, 0.0)) // 3600000000"
                    + " AS folder_hour FROM " + lake.source());
            long rows = lake.scalar("SELECT count(*) FROM lake");
            long duplicates = lake.scalar("SELECT count(*) FROM (SELECT p, o FROM lake GROUP BY p, o HAVING count(*) > 1)");
            long wrongHour = lake.scalar("SELECT count(*) FROM lake WHERE row_hour <> folder_hour");
            lake.execute("CREATE TABLE expected AS SELECT p, unnest(range(b, e)) AS o FROM expected_ranges");
            String missingSql = " FROM expected x WHERE NOT EXISTS (SELECT 1 FROM lake l WHERE l.p = x.p AND l.o = x.o)"
                    + " AND NOT EXISTS (SELECT 1 FROM dlq d WHERE d.p = x.p AND d.o = x.o)";
            long missing = lake.scalar("SELECT count(*)" + missingSql);
            List<String> samples = lake.rows("SELECT p, o" + missingSql + " ORDER BY p, o LIMIT 5").stream()
                    .map(r -> r.get(0) + "@" + r.get(1)).toList();
            HourMarkerCheck.Result markers = HourMarkerCheck.check(root, lake);
            return new VerifierReport(expected, rows, files, deadLetters.size(), duplicates, missing, wrongHour, List.of(),
                    samples, markers.markedHours(), markers.problems());
        }
    }

    private static List<String> schemaProblems(LakeQuery lake) {
        Map<String, String> actual = new HashMap<>();
        for (List<Object> row : lake.rows("DESCRIBE SELECT * FROM " + lake.source())) {
            actual.put((String) row.get(0), (String) row.get(1));
        }
        List<String> problems = new ArrayList<>();
        EXPECTED_COLUMNS.forEach((column, type) -> {
            String found = actual.get(column);
            if (found == null) {
                problems.add("column " + column + " is missing");
            } else if (!found.equals(type)) {
                problems.add("column " + column + " is " + found + ", expected " + type);
            }
        });
        return problems;
    }

    private static Map<String, String> expectedColumns() {
        var columns = new java.util.LinkedHashMap<String, String>();
        for (String name : List.of("event_id", "user_id", "session_id", "event_type", "page_url", "ip_address",
                "referrer", "user_agent", "device")) {
            columns.put(name, "VARCHAR");
        }
        columns.put("timestamp", "TIMESTAMP WITH TIME ZONE");
        columns.put("ingested_at", "TIMESTAMP WITH TIME ZONE");
        columns.put("product_id", "BIGINT");
        columns.put("kafka_partition", "INTEGER");
        columns.put("kafka_offset", "BIGINT");
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static void insert(LakeQuery lake, String sql, List<long[]> rows) {
        try (PreparedStatement st = lake.connection().prepareStatement(sql)) {
            for (long[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    st.setLong(i + 1, row[i]);
                }
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB insert failed: " + e.getMessage(), e);
        }
    }

    /** [beginning, end) of every partition of the topic, as read_committed consumers see it. */
    public static Map<TopicPartition, long[]> offsetRanges(String bootstrap, String topic) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            List<TopicPartition> partitions = description.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            var options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            var begin = admin.listOffsets(spec(partitions, OffsetSpec.earliest()), options).all().get(30, TimeUnit.SECONDS);
            var end = admin.listOffsets(spec(partitions, OffsetSpec.latest()), options).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, long[]> ranges = new HashMap<>();
            for (TopicPartition p : partitions) {
                ranges.put(p, new long[] {begin.get(p).offset(), end.get(p).offset()});
            }
            return ranges;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<TopicPartition, OffsetSpec> spec(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> map = new HashMap<>();
        partitions.forEach(p -> map.put(p, spec));
        return map;
    }

    /** (source partition, source offset) of every dead letter that came from {@code sourceTopic}. */
    static List<long[]> deadLetterSources(String bootstrap, String dlqTopic, String sourceTopic) {
        List<long[]> sources = new ArrayList<>();
        try (var consumer = plainConsumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, dlqTopic);
            if (partitions.isEmpty()) {
                return sources;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.currentTimeMillis() + 120_000;
            while (!caughtUp(consumer, end) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String topic = header(r, "source.topic");
                    String p = header(r, "source.partition");
                    String o = header(r, "source.offset");
                    if (sourceTopic.equals(topic) && p != null && o != null) {
                        sources.add(new long[] {Integer.parseInt(p), Long.parseLong(o)});
                    }
                }
            }
        }
        return sources;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(30));
        List<PartitionInfo> infos = topics.get(topic);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
    }

    private static KafkaConsumer<byte[], byte[]> plainConsumer(String bootstrap) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p);
    }

    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // temp folder; best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
