package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.clickstream.consumer.delivery.Deliveries;
import io.clickstream.consumer.dlq.DeadLetterHeaders;
import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.generation.BatchLimits;
import io.clickstream.consumer.layout.HourFolder;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.testing.DirectExecutorService;
import io.clickstream.consumer.testing.Events;
import io.clickstream.consumer.testing.FakeS3Client;
import io.clickstream.consumer.testing.Lake.Coordinates;
import io.clickstream.consumer.testing.Lake;
import io.clickstream.consumer.testing.ParquetFiles;
import io.clickstream.consumer.testing.RecordingConsumer;
import io.clickstream.consumer.testing.Records;
import io.clickstream.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The poll loop against a {@link org.apache.kafka.clients.consumer.MockConsumer} and an in-memory S3.
 * Most tests drive it turn by turn ({@link SinkLoop#handle}, {@link SinkLoop#step}); the last ones run
 * {@link SinkLoop#run()} with poll tasks. Every test holds the loop's promise: a commit of X means every
 * record below X is in S3 (or acknowledged by the dead-letter topic).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SinkLoopTest {
    private static final String TOPIC = "clickstream";
    private static final String BUCKET = "lake-bucket";
    private static final String DLQ_TOPIC = "clickstream-dlq";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Instant H10 = Instant.parse("2026-01-19T10:00:00Z");
    private static final Instant H11 = H10.plus(Duration.ofHours(1));
    private static final Instant H12 = H10.plus(Duration.ofHours(2));
    private static final BatchLimits NEVER = new BatchLimits(1_000_000, 1L << 30, Duration.ofHours(1));

    @TempDir
    Path spool;
    @TempDir
    Path scratch;

    private final FakeS3Client s3 = new FakeS3Client(BUCKET);
    private final RecordingConsumer consumer = new RecordingConsumer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-19T12:30:00Z"));
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConsumerMetrics metrics = new ConsumerMetrics(new SimpleMeterRegistry());
    private ExecutorService uploads = new DirectExecutorService();
    /** The deliveries of the loop built last. */
    private Deliveries deliveries;

    @AfterEach
    void stopUploads() throws InterruptedException {
        uploads.shutdownNow();
        uploads.awaitTermination(5, TimeUnit.SECONDS);
    }

    // ---- fixture -------------------------------------------------------------------------------

    /** What a test may change about the loop; everything else is fixed. */
    private final class Options {
        private final TestLoop wiring = new TestLoop(consumer, s3, BUCKET, spool, clock, uploads, metrics, running);
        RecordingConsumer kafka = consumer;

        Options limits(long records, Duration age) {
            wiring.limits = new BatchLimits(records, 1L << 30, age);
            return this;
        }

        Options budget(long bytes) {
            wiring.budget = bytes;
            return this;
        }

        Options exitWhenIdle(Duration idle) {
            wiring.exitWhenIdle = idle;
            return this;
        }

        Options shutdownTimeout(Duration timeout) {
            wiring.shutdownTimeout = timeout;
            return this;
        }

        Options clock(Clock loopClock) {
            wiring.clock = loopClock;
            return this;
        }

        /** Invalid records go to the dead-letter topic through {@code producer}. */
        Options deadLettersTo(MockProducer<byte[], byte[]> producer) {
            wiring.deadLetters = new DeadLetterSender(producer, DLQ_TOPIC);
            return this;
        }

        SinkLoop build() {
            wiring.kafka = kafka;
            TestLoop.Wired wired = wiring.wire();
            deliveries = wired.deliveries();
            return wired.loop();
        }
    }

    private Options options() {
        return new Options();
    }

    /** A dead-letter producer that acknowledges every send at once, or only when the test completes it. */
    private static MockProducer<byte[], byte[]> dlqProducer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<ByteBuffer, ByteBuffer> valid(TopicPartition tp, long offset, Instant kafkaTime) {
        return Records.record(tp, offset, kafkaTime, Events.json("e-" + tp.partition() + "-" + offset, kafkaTime.minusSeconds(2)));
    }

    private static ConsumerRecord<ByteBuffer, ByteBuffer> invalid(TopicPartition tp, long offset, Instant kafkaTime) {
        return Records.record(tp, offset, kafkaTime, Events.notJson());
    }

    /** Offsets {@code from..to-1} of one partition, {@code spacing} apart in Kafka time from {@code start}. */
    private static List<ConsumerRecord<ByteBuffer, ByteBuffer>> valid(TopicPartition tp, long from, long to, Instant start,
            Duration spacing) {
        var out = new ArrayList<ConsumerRecord<ByteBuffer, ByteBuffer>>();
        for (long o = from; o < to; o++) {
            out.add(valid(tp, o, start.plus(spacing.multipliedBy(o - from))));
        }
        return out;
    }

    private static void handle(SinkLoop loop, List<ConsumerRecord<ByteBuffer, ByteBuffer>> records) {
        loop.handle(Records.batch(records));
    }

    @SafeVarargs
    private static void handle(SinkLoop loop, ConsumerRecord<ByteBuffer, ByteBuffer>... records) {
        var list = new ArrayList<ConsumerRecord<ByteBuffer, ByteBuffer>>();
        for (ConsumerRecord<ByteBuffer, ByteBuffer> r : records) {
            list.add(r);
        }
        handle(loop, list);
    }

    private void step(SinkLoop loop) {
        loop.step(clock.millis());
    }

    /** One turn of the real loop: poll (paused partitions give nothing), handle, step. */
    private void turn(SinkLoop loop) {
        var records = consumer.poll(Duration.ZERO);
        if (!records.isEmpty()) {
            loop.handle(records);
        }
        loop.step(clock.millis());
    }

    /**
     * Assigns the partition as a rebalance does, with {@code end} records in it and nothing committed: the consumer
     * asks the end offsets once and takes everything below {@code end} as the backlog to commit on catching up.
     */
    private void assignWithEndOffset(TopicPartition partition, long end) {
        assign(partition);
        consumer.updateEndOffsets(Map.of(partition, end));
        deliveries.assigned(List.of(partition), false, clock.millis());
    }

    private void assign(TopicPartition... partitions) {
        consumer.assign(List.of(partitions));
        var beginning = new HashMap<TopicPartition, Long>();
        for (TopicPartition tp : partitions) {
            beginning.put(tp, 0L);
        }
        consumer.updateBeginningOffsets(beginning);
    }

    /** Steps the loop until {@code done}, for at most 15 s of real time (uploads may run on another thread). */
    private void stepUntil(SinkLoop loop, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            step(loop);
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(2);
        }
        fail("condition not reached in 15 s; commits so far: " + consumer.commits());
    }

    private List<Long> offsetsInLake(TopicPartition tp) {
        return Lake.rows(s3, scratch).stream().filter(c -> c.partition() == tp.partition())
                .map(Coordinates::offset).sorted().toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private long spoolFiles() throws Exception {
        try (var files = Files.list(spool)) {
            return files.count();
        }
    }

    // ---- closing generations ---------------------------------------------------------------------

    @Test
    void aGenerationClosesAtBatchMaxRecordsAndIsCommittedAfterItsUpload() throws Exception {
        SinkLoop loop = options().limits(5, Duration.ofHours(1)).build();
        assign(P0);

        handle(loop, valid(P0, 0, 4, H10, Duration.ofSeconds(1)));
        step(loop);
        assertThat(s3.objects()).isEmpty();

        handle(loop, valid(P0, 4, H10.plusSeconds(4)));
        step(loop);
        assertThat(s3.objects()).hasSize(1);
        assertThat(consumer.commits()).as("the commit waits for the next turn to see the upload done").isEmpty();

        step(loop);
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 5L));
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 5));
        String key = s3.objects().keySet().iterator().next();
        assertThat(key).isEqualTo("lake/year=2026/month=01/day=19/hour=10/20260119T100000000Z-clickstream-0-00000000000000000000.parquet");
        assertThat(s3.metadata(key)).containsEntry("kafka-first-offset", "0").containsEntry("kafka-last-offset", "4")
                .containsEntry("rows", "5").containsEntry("kafka-partition", "0");
        assertThat(spoolFiles()).as("spool files are deleted once committed").isZero();
        assertThat(metrics.filesUploadedCount()).isEqualTo(1);
    }

    @Test
    void aGenerationClosesOnAgeMeasuredByTheInjectedClock() {
        SinkLoop loop = options().limits(1000, Duration.ofSeconds(60)).build();
        assign(P0);
        handle(loop, valid(P0, 0, 3, H10, Duration.ofSeconds(1)));

        clock.advance(Duration.ofMillis(59_999));
        step(loop);
        assertThat(s3.objects()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        step(loop);
        step(loop);
        assertThat(s3.objects()).hasSize(1);
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L));
    }

    @Test
    void theAgeOfAGenerationCountsFromItsFirstRecordNotItsLast() {
        SinkLoop loop = options().limits(1000, Duration.ofSeconds(60)).build();
        assign(P0);
        handle(loop, valid(P0, 0, H10));
        clock.advance(Duration.ofSeconds(50));
        handle(loop, valid(P0, 1, H10.plusSeconds(50)));
        step(loop);
        assertThat(s3.objects()).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        step(loop);
        step(loop);

        assertThat(consumer.commits()).containsExactly(Map.of(P0, 2L));
    }

    @Test
    void theFirstGenerationAfterAnAssignmentClosesOnceThePartitionIsReadToItsEndNotAtItsAge() {
        SinkLoop loop = options().limits(1000, Duration.ofSeconds(60)).build();
        assignWithEndOffset(P0, 3);
        valid(P0, 0, 3, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord); // a backlog left uncommitted

        turn(loop); // reads 0..2: the partition's end, so the takeover's first generation closes at once
        turn(loop);

        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L));
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 3));

        // Later generations close at their limits as before, read to the end or not.
        consumer.updateEndOffsets(Map.of(P0, 5L));
        valid(P0, 3, 5, H10.plusSeconds(3), Duration.ofSeconds(1)).forEach(consumer::addRecord);
        turn(loop);
        turn(loop);
        assertThat(consumer.commits()).hasSize(1);
        clock.advance(Duration.ofSeconds(60));
        turn(loop);
        turn(loop);
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L), Map.of(P0, 5L));
    }

    @Test
    void theFirstGenerationAfterAnAssignmentWaitsWhileTheBacklogIsNotReadToItsEnd() {
        SinkLoop loop = options().limits(1000, Duration.ofSeconds(60)).build();
        assignWithEndOffset(P0, 10); // offsets 3..9 are not fetched yet
        valid(P0, 0, 3, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord);

        turn(loop);
        turn(loop);

        assertThat(consumer.commits()).isEmpty();
        assertThat(s3.objects()).isEmpty();
    }

    @Test
    void aCleanHandoffWithNothingToReadClosesItsFirstGenerationAtTheLimitsOnly() {
        SinkLoop loop = options().limits(1000, Duration.ofSeconds(60)).build();
        assignWithEndOffset(P0, 0); // nothing left uncommitted
        consumer.updateEndOffsets(Map.of(P0, 3L));
        valid(P0, 0, 3, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord); // traffic after the assignment

        turn(loop);
        turn(loop);

        assertThat(consumer.commits()).as("no small file for records that came after the assignment").isEmpty();
        clock.advance(Duration.ofSeconds(60));
        turn(loop);
        turn(loop);
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L));
    }

    @Test
    void aBacklogLargerThanTheFirstGenerationIsStillCommittedOnceReadToItsEndNotAtItsAge() {
        SinkLoop loop = options().limits(3, Duration.ofSeconds(60)).build();
        assignWithEndOffset(P0, 5); // a backlog of 5 records left uncommitted
        valid(P0, 0, 3, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord); // the first fetch gives 0..2

        turn(loop); // 0..2 reach BATCH_MAX_RECORDS: the first generation closes for that, mid-backlog
        turn(loop);
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L));

        valid(P0, 3, 5, H10.plusSeconds(3), Duration.ofSeconds(1)).forEach(consumer::addRecord);
        turn(loop); // the rest of the backlog: the partition is read to its end
        turn(loop);

        assertThat(consumer.commits()).as("the backlog's tail is committed once read to the end, not BATCH_MAX_AGE later")
                .containsExactly(Map.of(P0, 3L), Map.of(P0, 5L));
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 5));
    }

    @Test
    void aBacklogTheMemoryBudgetClosesInTheMiddleOfAPollIsStillCommittedOnceReadToItsEnd() {
        var options = options().limits(1000, Duration.ofSeconds(60));
        long oneFile = EventFileWriter.openFileOverheadBytes(new ParquetSettings("zstd", 1L << 20, 64 * 1024));
        options.budget(oneFile * 3 / 2); // two open files are over it, one is not
        SinkLoop loop = options.build();
        assignWithEndOffset(P0, 3);
        // One poll, three hours: opening the third file closes the generation holding the first two (BUDGET) in
        // the middle of the poll; the third row starts the next generation, with the partition read to its end.
        consumer.addRecord(valid(P0, 0, H10));
        consumer.addRecord(valid(P0, 1, H11));
        consumer.addRecord(valid(P0, 2, H12));

        turn(loop);
        turn(loop);
        turn(loop);

        assertThat(consumer.commits()).as("the backlog's tail is committed once read to the end, not BATCH_MAX_AGE later")
                .containsExactly(Map.of(P0, 2L), Map.of(P0, 3L));
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 3));
    }

    @Test
    void afterTheBacklogIsCommittedNewRecordsWaitForTheLimitsEvenIfItEndedOnALimit() {
        SinkLoop loop = options().limits(3, Duration.ofSeconds(60)).build();
        assignWithEndOffset(P0, 3);
        valid(P0, 0, 3, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord); // the whole backlog, at the limit

        turn(loop);
        turn(loop);
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L));

        consumer.updateEndOffsets(Map.of(P0, 4L));
        consumer.addRecord(valid(P0, 3, H10.plusSeconds(3))); // new traffic, not backlog
        turn(loop);
        turn(loop);
        assertThat(consumer.commits()).as("no tiny file for the first new record").hasSize(1);
    }

    @Test
    void oneGenerationHoldsOneFilePerHourAndCommitsPastAllOfThem() {
        SinkLoop loop = options().limits(1000, Duration.ofSeconds(30)).build();
        assign(P0);
        handle(loop, valid(P0, 0, H10.plusSeconds(3599).plusMillis(999)), valid(P0, 1, H11), valid(P0, 2, H12),
                valid(P0, 3, H10.plusSeconds(1)), valid(P0, 4, H11.plusSeconds(1)), valid(P0, 5, H12.plusSeconds(1)));

        clock.advance(Duration.ofSeconds(30));
        step(loop);
        step(loop);

        assertThat(s3.objects().keySet()).extracting(k -> k.substring(0, k.lastIndexOf('/'))).containsExactlyInAnyOrder(
                "lake/year=2026/month=01/day=19/hour=10", "lake/year=2026/month=01/day=19/hour=11",
                "lake/year=2026/month=01/day=19/hour=12");
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 6L));
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 6));
    }

    // ---- commit only after upload ----------------------------------------------------------------

    @Test
    void theCommitWaitsForTheLastFileOfAGeneration() throws Exception {
        uploads = Executors.newSingleThreadExecutor();
        var release = new CountDownLatch(1);
        s3.beforePut(request -> {
            if (request.key().contains("hour=11")) {
                await(release);
            }
        });
        SinkLoop loop = options().limits(4, Duration.ofHours(1)).build();
        assign(P0);
        handle(loop, valid(P0, 0, H10), valid(P0, 1, H11), valid(P0, 2, H10.plusSeconds(1)), valid(P0, 3, H10.plusSeconds(2)),
                valid(P0, 4, H10.plusSeconds(3)));

        stepUntil(loop, () -> s3.objects().size() == 1);
        for (int i = 0; i < 20; i++) {
            step(loop);
        }
        assertThat(s3.objects().keySet()).singleElement().asString().contains("hour=10");
        assertThat(consumer.commits()).isEmpty();

        release.countDown();
        stepUntil(loop, () -> !consumer.commits().isEmpty());
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 5L));
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 5));
    }

    @Test
    void everyCommitFindsEveryRecordBelowItInTheLake() throws Exception {
        uploads = Executors.newSingleThreadExecutor();
        s3.beforePut(request -> sleep(1));
        var parsed = new IdentityHashMap<byte[], List<Coordinates>>();
        var violations = new CopyOnWriteArrayList<String>();
        consumer.beforeCommit(offsets -> {
            // What the bucket holds at the moment of the commit, read back from the Parquet bytes.
            var inLake = new HashMap<Integer, Set<Long>>();
            for (byte[] bytes : s3.objects().values()) {
                for (Coordinates c : parsed.computeIfAbsent(bytes, b -> ParquetFiles.rows(b, scratch).stream()
                        .map(r -> new Coordinates((Integer) r.get("kafka_partition"), (Long) r.get("kafka_offset"))).toList())) {
                    inLake.computeIfAbsent(c.partition(), p -> new HashSet<>()).add(c.offset());
                }
            }
            offsets.forEach((tp, om) -> {
                for (long o = 0; o < om.offset(); o++) {
                    if (!inLake.getOrDefault(tp.partition(), Set.of()).contains(o)) {
                        violations.add("commit " + tp + "@" + om.offset() + " before offset " + o + " was uploaded");
                    }
                }
            });
        });
        SinkLoop loop = options().limits(5, Duration.ofMinutes(5)).build();
        List<TopicPartition> partitions = List.of(P0, P1);
        assign(P0, P1);
        var random = new Random(42);
        int perPartition = 30;
        for (int from = 0; from < perPartition; from += 10) {
            for (TopicPartition tp : partitions) {
                var batch = new ArrayList<ConsumerRecord<ByteBuffer, ByteBuffer>>();
                for (int o = from; o < from + 10; o++) {
                    Instant hour = List.of(H10, H11, H12).get(random.nextInt(3));
                    batch.add(valid(tp, o, hour.plusSeconds(random.nextInt(3600))));
                }
                handle(loop, batch);
                step(loop);
            }
        }
        clock.advance(Duration.ofMinutes(5));
        stepUntil(loop, () -> partitions.stream().allMatch(tp -> Long.valueOf(perPartition).equals(consumer.lastCommit(tp))));

        assertThat(violations).isEmpty();
        for (TopicPartition tp : partitions) {
            assertThat(consumer.commits().stream().filter(c -> c.containsKey(tp)).count())
                    .as("several generations of %s", tp).isGreaterThanOrEqualTo(2);
        }
        for (TopicPartition tp : partitions) {
            assertThat(offsetsInLake(tp)).as("every offset of %s exactly once", tp).isEqualTo(range(0, perPartition));
        }
    }

    @Test
    void onePollOverManyPartitionsAndHoursPutsEveryRowOnceInItsHourFileAndEveryDeadLetterInOffsetOrder() throws Exception {
        var producer = dlqProducer(true);
        SinkLoop loop = options().limits(1_000_000, Duration.ofMinutes(5)).deadLettersTo(producer).build();
        List<TopicPartition> partitions = IntStream.range(0, 8).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
        assign(partitions.toArray(TopicPartition[]::new));
        var random = new Random(7);
        var records = new ArrayList<ConsumerRecord<ByteBuffer, ByteBuffer>>();
        var validOffsets = new HashMap<Integer, List<Long>>();
        var invalidOffsets = new HashMap<Integer, List<Long>>();
        int perPartition = 300;
        for (TopicPartition tp : partitions) {
            for (long o = 0; o < perPartition; o++) {
                Instant kafkaTime = List.of(H10, H11, H12).get(random.nextInt(3)).plusSeconds(random.nextInt(3600));
                boolean bad = o % 7 == 3;
                records.add(bad ? invalid(tp, o, kafkaTime) : valid(tp, o, kafkaTime));
                (bad ? invalidOffsets : validOffsets).computeIfAbsent(tp.partition(), p -> new ArrayList<>()).add(o);
            }
        }

        handle(loop, records); // one poll: the partitions are taken on two threads
        clock.advance(Duration.ofMinutes(5));
        stepUntil(loop, () -> partitions.stream().allMatch(tp -> Long.valueOf(perPartition).equals(consumer.lastCommit(tp))));

        for (TopicPartition tp : partitions) {
            assertThat(offsetsInLake(tp)).as("valid offsets of %s, once each", tp).isEqualTo(validOffsets.get(tp.partition()));
            List<Long> deadLettered = producer.history().stream()
                    .filter(r -> header(r, DeadLetterHeaders.SOURCE_PARTITION).equals(Integer.toString(tp.partition())))
                    .map(r -> Long.parseLong(header(r, DeadLetterHeaders.SOURCE_OFFSET))).toList();
            assertThat(deadLettered).as("dead letters of %s, in offset order", tp).isEqualTo(invalidOffsets.get(tp.partition()));
        }
        Lake.contents(s3, scratch).forEach((key, rows) -> {
            assertThat(rows).extracting(Coordinates::partition).as(key).containsOnly(rows.get(0).partition());
            assertThat(rows).extracting(Coordinates::offset).as(key).isSorted().doesNotHaveDuplicates();
        });
        assertThat(s3.objects()).hasSize(8 * 3);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    // ---- S3 down ---------------------------------------------------------------------------------

    @Test
    void whileS3FailsNothingIsCommittedAndThePartitionIsPausedThenEverythingIsCommitted() throws Exception {
        SinkLoop loop = options().limits(5, Duration.ofHours(1)).build();
        assign(P0);
        s3.unavailable(true);
        valid(P0, 0, 5, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord);

        turn(loop); // consumes 0..4, closes, the upload fails
        turn(loop); // sees the failure: schedules a retry and pauses
        assertThat(consumer.paused()).containsExactly(P0);
        valid(P0, 5, 10, H10.plusSeconds(5), Duration.ofSeconds(1)).forEach(consumer::addRecord);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(2)); // past the capped backoff: every turn retries
            turn(loop);
        }

        assertThat(consumer.commits()).isEmpty();
        assertThat(s3.objects()).isEmpty();
        assertThat(s3.failedPuts()).isGreaterThanOrEqualTo(5);
        assertThat(consumer.paused()).containsExactly(P0);
        assertThat(metrics.consumedCount()).as("a paused partition is not consumed").isEqualTo(5);

        s3.unavailable(false);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(2));
            turn(loop);
        }

        assertThat(consumer.commits()).containsExactly(Map.of(P0, 5L), Map.of(P0, 10L));
        assertThat(consumer.paused()).isEmpty();
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 10));
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void retriesAreSpacedByABackoffCappedAtUploadBackoffMax() {
        SinkLoop loop = options().limits(1, Duration.ofHours(1)).build();
        assign(P0);
        s3.unavailable(true);
        handle(loop, valid(P0, 0, H10));

        for (int i = 0; i < 50; i++) {
            step(loop); // the clock does not move
        }
        // The first failure, at most one retry without delay (see the disabled test below), and a jitter of 0 ms is rare.
        assertThat(s3.failedPuts()).isBetween(1, 3);

        int before = s3.failedPuts();
        clock.advance(Duration.ofSeconds(1)); // UPLOAD_BACKOFF_MAX: whatever the jitter, the retry is due
        step(loop);
        step(loop);
        assertThat(s3.failedPuts()).isGreaterThan(before);

        s3.unavailable(false);
        for (int i = 0; i < 5 && consumer.commits().isEmpty(); i++) {
            clock.advance(Duration.ofSeconds(1));
            step(loop);
        }
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 1L));
        assertThat(metrics.registry().get("clickstream.upload.failures").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theFirstRetryAfterAFailedUploadWaitsForABackoff() {
        s3.unavailable(true);
        int immediateRetries = 0;
        for (int round = 0; round < 20; round++) {
            var kafka = new RecordingConsumer();
            kafka.assign(List.of(P0));
            var options = options().limits(1, Duration.ofHours(1));
            options.kafka = kafka;
            SinkLoop loop = options.build();
            handle(loop, valid(P0, round, H10));
            step(loop); // closes; the upload fails
            int failed = s3.failedPuts();
            step(loop); // sees the failure; the clock has not moved
            if (s3.failedPuts() > failed) {
                immediateRetries++;
            }
        }
        // With full jitter a 0 ms delay has a chance of 1 in 500: a few are fine, every one is the bug.
        assertThat(immediateRetries).isLessThan(5);
    }

    // ---- dead letters ----------------------------------------------------------------------------

    @Test
    void invalidRecordsGoToTheDlqAndTheCommitWaitsForTheirAck() throws Exception {
        uploads = Executors.newSingleThreadExecutor();
        var producer = dlqProducer(false);
        SinkLoop loop = options().limits(2, Duration.ofHours(1)).deadLettersTo(producer).build();
        assign(P0);

        handle(loop, valid(P0, 0, H10), invalid(P0, 1, H10.plusSeconds(1)), valid(P0, 2, H10.plusSeconds(2)));
        stepUntil(loop, () -> s3.objects().size() == 1);
        for (int i = 0; i < 20; i++) {
            step(loop);
            Thread.sleep(1);
        }
        assertThat(consumer.commits()).as("the file is uploaded but the dead letter is not acknowledged").isEmpty();

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(dead.topic()).isEqualTo(DLQ_TOPIC);
        assertThat(dead.value()).isEqualTo(Events.notJson());
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value(), StandardCharsets.UTF_8))
                .isEqualTo("1");
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.ERROR_REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("malformed_json");

        producer.completeNext();
        stepUntil(loop, () -> !consumer.commits().isEmpty());
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L));
        assertThat(offsetsInLake(P0)).containsExactly(0L, 2L);
        assertThat(metrics.invalidCount()).isEqualTo(1);
    }

    @Test
    void aGenerationOfOnlyDeadLettersIsCommittedOnceAcknowledged() throws Exception {
        uploads = Executors.newSingleThreadExecutor();
        var producer = dlqProducer(false);
        SinkLoop loop = options().limits(1000, Duration.ofSeconds(10)).deadLettersTo(producer).build();
        assign(P0);
        handle(loop, invalid(P0, 0, H10), invalid(P0, 1, H10));
        clock.advance(Duration.ofSeconds(10));
        step(loop);

        producer.completeNext();
        producer.completeNext();
        stepUntil(loop, () -> !consumer.commits().isEmpty());

        assertThat(consumer.commits()).containsExactly(Map.of(P0, 2L));
        assertThat(s3.objects()).isEmpty();
    }

    @Test
    void aDeadLetterNotAcknowledgedIsSentAgainAfterABackoffAndOnlyThenCommitted() throws Exception {
        uploads = Executors.newSingleThreadExecutor();
        var producer = dlqProducer(false);
        SinkLoop loop = options().limits(2, Duration.ofHours(1)).deadLettersTo(producer).build();
        assign(P0);
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10)), Duration.ofSeconds(1));
        consumer.seek(P0, 13);

        handle(loop, valid(P0, 10, H10), invalid(P0, 11, H10), valid(P0, 12, H10));
        stepUntil(loop, () -> s3.objects().size() == 1);
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("dlq broker down"));
        stepUntil(loop, () -> metrics.registry().get("clickstream.upload.failures").counter().count() == 1);

        assertThat(consumer.commits()).containsExactly(Map.of(P0, 10L)); // only the test's own commit
        assertThat(consumer.position(P0)).as("no replay: the dead letter is sent again").isEqualTo(13);
        clock.advance(Duration.ofSeconds(2)); // past the backoff
        stepUntil(loop, () -> producer.history().size() == 2);
        producer.completeNext();
        stepUntil(loop, () -> consumer.lastCommit(P0) != null && consumer.lastCommit(P0) == 13L);
        assertThat(s3.putLog()).as("the file is already there from the first attempt: not written twice").hasSize(1);
    }

    @Test
    void aDeadLetterTheTopicRefusesStopsTheLoopWithoutCommittingPastIt() throws Exception {
        var producer = dlqProducer(true);
        producer.sendException = new org.apache.kafka.common.errors.RecordTooLargeException("too large for the topic");
        SinkLoop loop = options().limits(1, Duration.ofHours(1)).deadLettersTo(producer).build();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.addRecord(valid(P0, 0, H10));
            consumer.addRecord(invalid(P0, 1, H10));
        });

        SinkSummary summary = loop.run();

        assertThat(summary.drainedCleanly()).isFalse();
        assertThat(summary.failure()).contains("clickstream-0@1", "RecordTooLargeException", "DLQ_FAILURE=fail");
        assertThat(consumer.commits()).isEmpty();
        assertThat(summary.notCommitted()).containsExactly("clickstream-0 offsets 0..1 (upload failed for good)");
    }

    @Test
    void withoutADlqInvalidRecordsAreSkippedAndCommittedPast() {
        SinkLoop loop = options().limits(2, Duration.ofHours(1)).build();
        assign(P0);

        handle(loop, invalid(P0, 0, H10), valid(P0, 1, H10), invalid(P0, 2, H10), valid(P0, 3, H10));
        step(loop);
        step(loop);

        assertThat(consumer.commits()).containsExactly(Map.of(P0, 4L));
        assertThat(offsetsInLake(P0)).containsExactly(1L, 3L);
        assertThat(metrics.invalidCount()).isEqualTo(2);
        assertThat(metrics.validCount()).isEqualTo(2);
    }

    // ---- memory --------------------------------------------------------------------------------

    @Test
    void bufferedBytesNeverExceedTheBudgetByMoreThanOnePollWhenManyHoursAreOpen() {
        // Every open file counts at least EventFileWriter.openFileOverheadBytes (448 KB with 64 KB pages):
        // 16 hours times 2 partitions would need about 14 MB, so an 8 MB budget has to flush files early.
        long budget = 8L << 20;
        var options = options();
        options.budget(budget);
        SinkLoop loop = options.build();
        List<TopicPartition> partitions = List.of(P0, P1);
        assign(P0, P1);
        var random = new Random(7);
        var next = new HashMap<TopicPartition, Long>();
        long worstPoll = 0;
        var slots = new HashSet<String>(); // (partition, hour) pairs: the files an unbounded loop would hold open
        int mostOpenFiles = 0;

        for (int turn = 0; turn < 12; turn++) {
            for (TopicPartition tp : partitions) {
                if (consumer.paused().contains(tp)) {
                    continue; // a paused partition gets nothing from the broker
                }
                for (int i = 0; i < 5; i++) {
                    long offset = next.merge(tp, 1L, Long::sum) - 1;
                    Instant kafkaTime = H10.plus(Duration.ofHours(random.nextInt(16))).plusSeconds(random.nextInt(3600));
                    slots.add(tp + "@" + HourFolder.hourOf(kafkaTime));
                    consumer.addRecord(Records.record(tp, offset, kafkaTime,
                            Events.jsonWithPadding(kafkaTime, 300, random.nextLong())));
                }
            }
            long before = deliveries.bufferedBytes();
            loop.handle(consumer.poll(Duration.ZERO));
            long thisPoll = deliveries.bufferedBytes() - before;
            worstPoll = Math.max(worstPoll, thisPoll);
            mostOpenFiles = Math.max(mostOpenFiles, openFiles());
            loop.step(clock.millis());

            assertThat(deliveries.bufferedBytes()).as("turn %d", turn).isLessThanOrEqualTo(budget + thisPoll);
        }

        assertThat(mostOpenFiles).as("many hours open at once").isGreaterThanOrEqualTo(12);
        assertThat(metrics.filesUploadedCount()).as("only the budget closes files here").isPositive();
        assertThat(slots.size() * EventFileWriter.openFileOverheadBytes(new ParquetSettings("zstd", 1L << 20, 64 * 1024)))
                .as("without early flushes the bound would have been broken").isGreaterThan(budget + worstPoll);
    }

    private int openFiles() {
        return (int) metrics.registry().get("clickstream.files.open").gauge().value();
    }

    // ---- one uncommitted generation per partition --------------------------------------------------

    @Test
    void aPartitionNeverHasTwoUncommittedGenerations() throws Exception {
        uploads = Executors.newSingleThreadExecutor();
        var events = new CopyOnWriteArrayList<String>();
        var release = new CountDownLatch(1);
        s3.beforePut(request -> {
            events.add("put " + request.metadata().get("kafka-first-offset"));
            await(release);
        });
        consumer.beforeCommit(offsets -> events.add("commit " + offsets.get(P0).offset()));
        SinkLoop loop = options().limits(3, Duration.ofHours(1)).build();
        assign(P0);

        handle(loop, valid(P0, 0, 3, H10, Duration.ofSeconds(1)));
        stepUntil(loop, () -> events.size() == 1); // generation [0, 3) is uploading, and stuck
        handle(loop, valid(P0, 3, 6, H10.plusSeconds(3), Duration.ofSeconds(1)));
        for (int i = 0; i < 10; i++) {
            step(loop);
        }
        assertThat(events).as("the full second generation waits").containsExactly("put 0");
        assertThat(consumer.paused()).as("and its partition is paused meanwhile").containsExactly(P0);

        handle(loop, valid(P0, 6, 8, H10.plusSeconds(6), Duration.ofSeconds(1))); // already fetched before the pause
        release.countDown();
        stepUntil(loop, () -> Long.valueOf(8).equals(consumer.lastCommit(P0)));

        assertThat(events).containsExactly("put 0", "commit 3", "put 3", "commit 8");
        assertThat(consumer.paused()).isEmpty();
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 8));
    }

    /**
     * The exactly-once argument: a crash after an upload and before its commit replays from the last
     * commit, and whatever batch boundaries the replay picks, it rewrites the same keys, so the lake
     * holds every offset once.
     */
    @ParameterizedTest(name = "replay with BATCH_MAX_RECORDS={0}")
    @ValueSource(ints = {1, 2, 3, 4, 1000})
    void aReplayAfterACrashBetweenUploadAndCommitOverwritesTheSameKeys(int replayBatch) {
        // Offsets 0..6 fall in hour 10, 7..14 in hour 11.
        var records = new ArrayList<ConsumerRecord<ByteBuffer, ByteBuffer>>();
        for (long o = 0; o < 15; o++) {
            records.add(valid(P0, o, (o < 7 ? H10 : H11).plusSeconds(o)));
        }
        SinkLoop first = options().limits(5, Duration.ofSeconds(30)).build();
        assign(P0);
        consumer.beforeCommit(offsets -> {
            if (offsets.get(P0).offset() == 10) {
                throw new CommitFailedException("the consumer died before this commit");
            }
        });
        handle(first, records.subList(0, 5));
        step(first);
        step(first);
        handle(first, records.subList(5, 10)); // at most 3 rows per file: closed by age
        clock.advance(Duration.ofSeconds(30));
        step(first);
        step(first);
        assertThat(consumer.commits()).containsExactly(Map.of(P0, 5L));
        assertThat(s3.objects()).hasSize(3); // [0,5) in h10; [5,10) in h10 and h11, uploaded but not committed

        var restarted = new RecordingConsumer();
        restarted.assign(List.of(P0));
        restarted.commitSync(Map.of(P0, new OffsetAndMetadata(5)), Duration.ofSeconds(1));
        var options = options().limits(replayBatch, Duration.ofSeconds(30));
        options.kafka = restarted;
        SinkLoop second = options.build();
        handle(second, records.subList(5, 15));
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 40 && !Long.valueOf(15).equals(restarted.lastCommit(P0)); i++) {
            step(second);
        }

        assertThat(restarted.lastCommit(P0)).isEqualTo(15);
        assertThat(Lake.rows(s3, scratch)).extracting(Coordinates::offset).as("no offset twice, none missing")
                .containsExactlyInAnyOrderElementsOf(range(0, 15));
        assertThat(s3.objects().keySet()).contains(
                "lake/year=2026/month=01/day=19/hour=10/20260119T100005000Z-clickstream-0-00000000000000000005.parquet",
                "lake/year=2026/month=01/day=19/hour=11/20260119T110007000Z-clickstream-0-00000000000000000007.parquet");
    }

    @Test
    void aConsumerWhoseFencingCommitIsRefusedOverwritesNoTakenKeyAndDropsItsWork() throws Exception {
        String key = "lake/year=2026/month=01/day=19/hour=10/20260119T100000000Z-clickstream-0-00000000000000000000.parquet";
        s3.putAsAnotherWriter(key, new byte[] {7}, Map.of("generation-start", "0", "generation-end", "99"));
        SinkLoop loop = options().limits(3, Duration.ofHours(1)).build();
        assign(P0);
        consumer.beforeCommit(offsets -> {
            throw new CommitFailedException("this consumer was removed from the group while it stalled");
        });

        handle(loop, valid(P0, 0, 3, H10, Duration.ofSeconds(1)));
        stepUntil(loop, () -> consumer.position(P0) == 0);

        assertThat(s3.objects().get(key)).as("the successor's object, untouched").containsExactly(7);
        assertThat(s3.objects()).hasSize(1);
        assertThat(consumer.commits()).isEmpty();
        assertThat(deliveries.bufferedBytes()).isZero();
    }

    @Test
    void anOwnerWhoseFencingCommitIsAcceptedReplacesAnUncommittedAttemptsObject() throws Exception {
        String key = "lake/year=2026/month=01/day=19/hour=10/20260119T100000000Z-clickstream-0-00000000000000000000.parquet";
        s3.putAsAnotherWriter(key, new byte[] {7}, Map.of("generation-start", "0", "generation-end", "99"));
        SinkLoop loop = options().limits(3, Duration.ofHours(1)).build();
        assign(P0);

        handle(loop, valid(P0, 0, 3, H10, Duration.ofSeconds(1)));
        stepUntil(loop, () -> consumer.lastCommit(P0) != null && consumer.lastCommit(P0) == 3L);

        assertThat(consumer.commits()).as("the fencing commit of the start, then the end")
                .containsExactly(Map.of(P0, 0L), Map.of(P0, 3L));
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 3));
        assertThat(s3.metadata(key)).containsEntry("generation-end", "3");
    }

    @Test
    void aFailedCommitDropsThePartitionsWorkAndSeeksBackToTheLastCommit() throws Exception {
        SinkLoop loop = options().limits(3, Duration.ofHours(1)).build();
        assign(P0);
        consumer.beforeCommit(offsets -> {
            throw new CommitFailedException("group rebalanced");
        });
        handle(loop, valid(P0, 0, 3, H10, Duration.ofSeconds(1)));
        handle(loop, valid(P0, 3, H10.plusSeconds(3)));
        consumer.seek(P0, 4);

        step(loop);
        step(loop);

        assertThat(consumer.commits()).isEmpty();
        assertThat(consumer.position(P0)).isZero();
        assertThat(deliveries.bufferedBytes()).as("the open generation [3, 4) is dropped too").isZero();
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void aCommitRefusedByARebalanceInProgressIsRetriedAfterTheNextPollWithoutReplaying() throws Exception {
        SinkLoop loop = options().limits(3, Duration.ofHours(1)).build();
        assign(P0);
        var refusals = new java.util.concurrent.atomic.AtomicInteger();
        consumer.beforeCommit(offsets -> {
            if (refusals.getAndIncrement() == 0) {
                throw new RebalanceInProgressException("rebalance in progress");
            }
        });
        handle(loop, valid(P0, 0, 3, H10, Duration.ofSeconds(1)));
        consumer.seek(P0, 3);

        step(loop); // closes [0, 3) and uploads it (direct executor)
        step(loop); // the commit is refused
        assertThat(consumer.commits()).isEmpty();
        assertThat(consumer.position(P0)).as("no replay").isEqualTo(3);
        step(loop); // retried

        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L));
        assertThat(s3.putLog()).as("uploaded once").hasSize(1);
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 3));
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void aCommitRefusedByARebalanceWhileShuttingDownIsDroppedForReplay() throws Exception {
        var options = options().limits(1000, Duration.ofHours(1));
        options.shutdownTimeout(Duration.ofSeconds(5));
        SinkLoop loop = options.build();
        consumer.beforeCommit(offsets -> {
            throw new RebalanceInProgressException("rebalance in progress");
        });
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.addRecord(valid(P0, 0, H10));
        });
        consumer.schedulePollTask(() -> running.set(false));

        long start = System.nanoTime();
        SinkSummary summary = loop.run();

        assertThat(summary.drainedCleanly()).as("the summary says so").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no waiting for the deadline").isLessThan(Duration.ofSeconds(4));
        assertThat(consumer.commits()).isEmpty();
        assertThat(s3.objects()).as("uploaded; the next owner overwrites it").hasSize(1);
    }

    @Test
    void aPartitionNoLongerAssignedIsNotUploaded() throws Exception {
        SinkLoop loop = options().limits(1000, Duration.ofSeconds(10)).build();
        assign(P0, P1);
        handle(loop, valid(P0, 0, H10), valid(P1, 0, H10));
        consumer.assign(List.of(P1)); // P0 moved to another consumer behind our back

        clock.advance(Duration.ofSeconds(10));
        step(loop);
        step(loop);

        assertThat(s3.objects().keySet()).singleElement().asString().contains("-clickstream-1-");
        assertThat(consumer.commits()).containsExactly(Map.of(P1, 1L));
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void partitionsAreTrackedFromTheirFirstRecord() {
        SinkLoop loop = options().build();
        assign(P0, P1);

        handle(loop, valid(P1, 0, H10));

        assertThat(deliveries.partitions()).containsExactly(P1);
    }

    // ---- run() -------------------------------------------------------------------------------------

    @Test
    void exitWhenIdleDrainsCommitsAndReturnsACleanSummary() throws Exception {
        var ticking = new MutableClock(Instant.parse("2026-01-19T12:30:00Z"), Duration.ofMillis(20));
        var options = options();
        options.clock(ticking);
        options.exitWhenIdle(Duration.ofSeconds(2));
        SinkLoop loop = options.build();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            valid(P0, 0, 10, H10, Duration.ofMinutes(10)).forEach(consumer::addRecord);
            valid(P1, 0, 4, H11, Duration.ofSeconds(1)).forEach(consumer::addRecord);
            consumer.addRecord(invalid(P1, 4, H11));
        });

        SinkSummary summary = loop.run();

        assertThat(summary.drainedCleanly()).isTrue();
        assertThat(summary.consumed()).isEqualTo(15);
        assertThat(summary.valid()).isEqualTo(14);
        assertThat(summary.invalid()).isEqualTo(1);
        assertThat(summary.filesUploaded()).isEqualTo(s3.objects().size()).isEqualTo(3);
        assertThat(summary.bytesUploaded()).isEqualTo(s3.objects().values().stream().mapToLong(b -> b.length).sum());
        assertThat(consumer.lastCommit(P0)).isEqualTo(10);
        assertThat(consumer.lastCommit(P1)).isEqualTo(5);
        assertThat(consumer.closed()).isTrue();
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void stoppingTheLoopFlushesUploadsAndCommitsEverything() {
        SinkLoop loop = options().build();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            valid(P0, 0, 7, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord);
        });
        consumer.schedulePollTask(() -> {
            running.set(false); // what SIGTERM does, with consumer.wakeup()
            consumer.wakeup();
        });

        SinkSummary summary = loop.run();

        assertThat(summary.drainedCleanly()).isTrue();
        assertThat(consumer.lastCommit(P0)).isEqualTo(7);
        assertThat(offsetsInLake(P0)).isEqualTo(range(0, 7));
    }

    @Test
    void aRevokedPartitionIsFlushedAndCommittedAloneAndForgotten() {
        SinkLoop loop = options().build();
        var trackedAfterRevocation = new AtomicReference<Set<TopicPartition>>();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            // More to read than this poll gives: the first generations do not close for being read to the end.
            consumer.updateEndOffsets(Map.of(P0, 10L, P1, 10L));
            valid(P0, 0, 3, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord);
            valid(P1, 0, 2, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord);
        });
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
        consumer.schedulePollTask(() -> {
            trackedAfterRevocation.set(deliveries.partitions());
            running.set(false);
        });

        SinkSummary summary = loop.run();

        assertThat(consumer.commits()).containsExactly(Map.of(P0, 3L), Map.of(P1, 2L));
        assertThat(trackedAfterRevocation.get()).containsExactly(P1);
        assertThat(summary.drainedCleanly()).isTrue();
    }

    @Test
    void whenS3StaysDownPastTheShutdownTimeoutNothingIsCommittedAndTheSummarySaysSo() throws Exception {
        var ticking = new MutableClock(Instant.parse("2026-01-19T12:30:00Z"), Duration.ofMillis(250));
        var options = options();
        options.clock(ticking);
        options.shutdownTimeout(Duration.ofSeconds(1));
        SinkLoop loop = options.build();
        s3.unavailable(true);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            valid(P0, 0, 3, H10, Duration.ofSeconds(1)).forEach(consumer::addRecord);
        });
        consumer.schedulePollTask(() -> running.set(false));

        SinkSummary summary = loop.run();

        assertThat(summary.drainedCleanly()).isFalse();
        assertThat(consumer.commits()).isEmpty();
        assertThat(s3.failedPuts()).isPositive();
        assertThat(spoolFiles()).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
