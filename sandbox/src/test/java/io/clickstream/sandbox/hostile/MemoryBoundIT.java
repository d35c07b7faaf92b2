package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.sandbox.bench.GcLog;
import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumer jar at -Xmx512m and its default memory budget (BUFFER_MAX_BYTES 256MB) against topics
 * built to exhaust it: values that are kilobytes on the broker and tens of megabytes decompressed, and
 * one partition whose records each open a file of its own (a new hour each). Both must end with exit 0,
 * everything committed, and the heap after every collection under the limit.
 */
class MemoryBoundIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    private static final int HUGE_VALUES = 40;
    private static final int HUGE_BYTES = 24 << 20;
    private static final int HOURS = 1500;

    private JarProcess startAt512m(String name, Map<String, String> env, Path gcLog) throws Exception {
        Files.createDirectories(gcLog.getParent());
        Files.deleteIfExists(gcLog);
        return consumers.start(name, env, List.of("-Xmx512m", "-Xlog:gc:file=" + gcLog.toAbsolutePath()));
    }

    private static Map<String, String> defaultsExceptEndpoints(Names names) {
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.remove("BUFFER_MAX_BYTES");
        env.remove("BATCH_MAX_RECORDS");
        env.put("EXIT_WHEN_IDLE", "10s");
        env.put("SHUTDOWN_TIMEOUT", "60s");
        return env;
    }

    @Test
    void valuesOfTensOfMegabytesThatCompressToKilobytesAreDeadLetteredTruncatedWithinTheHeap() throws Exception {
        var names = Names.of("mem-compressible");
        byte[] huge = new byte[HUGE_BYTES];
        Arrays.fill(huge, (byte) 'x');
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.createWithDeadLettersAndBucket(names, 2, STACK.s3());
            try (var producer = topics.producer(64 << 20, "zstd")) {
                for (int i = 0; i < HUGE_VALUES; i++) {
                    producer.send(new ProducerRecord<>(names.topic(), i % 2, ("k" + i).getBytes(StandardCharsets.UTF_8), huge));
                    producer.send(new ProducerRecord<>(names.topic(), i % 2, ("v" + i).getBytes(StandardCharsets.UTF_8),
                            RecordSizeCapTest.validEventOf(0)));
                }
                producer.flush();
            }
        }
        Path gcLog = Path.of("target", "it-logs", "gc-mem-compressible.log");

        JarProcess consumer = startAt512m("mem-compressible", defaultsExceptEndpoints(names), gcLog);

        assertThat(consumer.awaitExit(Duration.ofMinutes(4))).as(consumer.tail(30)).isZero();
        GcLog gc = GcLog.parse(gcLog);
        System.out.printf("MemoryBoundIT compressible values: heap peak after GC %d MB, before GC %d MB, %d collections%n",
                gc.peakAfterGcBytes() >> 20, gc.peakUsedBytes() >> 20, gc.collections());
        assertThat(gc.peakAfterGcBytes()).as("heap after GC").isPositive().isLessThan(512L << 20);
        assertThat(consumer.output()).contains("everything committed").doesNotContain("OutOfMemoryError");
        List<ConsumerRecord<byte[], byte[]>> letters;
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.lag(names.topic(), names.group())).isZero();
            letters = topics.readAll(names.dlqTopic());
        }
        assertThat(letters).hasSize(HUGE_VALUES).allSatisfy(letter -> {
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.ERROR_REASON)).isEqualTo("record_too_large");
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.VALUE_TRUNCATED)).isEqualTo("true");
            assertThat(KafkaTopics.header(letter, DeadLetterHeaders.VALUE_BYTES)).isEqualTo(Integer.toString(HUGE_BYTES));
            assertThat(letter.value().length).isLessThanOrEqualTo(512 * 1024);
        });
    }

    @Test
    void onePartitionWhoseRecordsEachOpenANewHourStaysWithinTheBudget() throws Exception {
        var names = Names.of("mem-hours");
        Instant newest = Instant.now().minus(Duration.ofDays(1));
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.createWithDeadLettersAndBucket(names, 1, STACK.s3());
            try (var producer = topics.producer(1 << 20)) {
                for (int i = 0; i < HOURS; i++) {
                    long timestamp = newest.minus(Duration.ofHours(i)).toEpochMilli();
                    producer.send(new ProducerRecord<>(names.topic(), 0, timestamp, "k".getBytes(StandardCharsets.UTF_8),
                            RecordSizeCapTest.validEventOf(0)));
                }
                producer.flush();
            }
        }
        Path gcLog = Path.of("target", "it-logs", "gc-mem-hours.log");

        JarProcess consumer = startAt512m("mem-hours", defaultsExceptEndpoints(names), gcLog);

        assertThat(consumer.awaitExit(Duration.ofMinutes(5))).as(consumer.tail(30)).isZero();
        GcLog gc = GcLog.parse(gcLog);
        System.out.printf("MemoryBoundIT hours: heap peak after GC %d MB, before GC %d MB, %d collections%n",
                gc.peakAfterGcBytes() >> 20, gc.peakUsedBytes() >> 20, gc.collections());
        assertThat(gc.peakAfterGcBytes()).as("heap after GC").isPositive().isLessThan(512L << 20);
        assertThat(consumer.output()).contains("everything committed").doesNotContain("OutOfMemoryError");
        Path lake = STACK.lakeDir().resolve(names.bucket()).resolve(names.prefix());
        try (Stream<Path> files = Files.walk(lake); var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count()).isEqualTo(HOURS);
            assertThat(topics.lag(names.topic(), names.group())).isZero();
        }
    }
}
