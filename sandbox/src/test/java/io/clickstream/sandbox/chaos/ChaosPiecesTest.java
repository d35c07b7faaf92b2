package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChaosPiecesTest {

    @TempDir
    Path dir;

    @Test
    void anUploadLineOfTheConsumerIsParsed() {
        String line = "23:31:02.114 INFO  [s3-upload-2] GenerationPublisher - uploaded s3://clickstream-bucket/clickstream/"
                + "year=2026/month=01/day=19/hour=10/20260119T101530Z-clickstream-3-00000000000000001200.parquet "
                + "partition=3 offsets=1200..2399 rows=1188 bytes=80211 ms=41";
        assertThat(UploadLine.parse(line)).contains(new UploadLine(
                "clickstream/year=2026/month=01/day=19/hour=10/20260119T101530Z-clickstream-3-00000000000000001200.parquet",
                3, 1200, 2399));
        assertThat(UploadLine.parse("23:31:02.114 INFO  [main] SinkLoop - assigned [clickstream-0]")).isEmpty();
    }

    @Test
    void thePauseHooksAnnouncementIsRecognizedAndAnUploadLineIsNot() {
        // As io.clickstream.consumer.delivery.FaultHooks logs it before the pause of a partition's later generations.
        assertThat(ConsumerMode.PauseAfterUpload.announced("23:31:04.220 INFO  [s3-upload-2] FaultHooks - "
                + "-Dclickstream.fault: pausing 2000 ms between the upload of clickstream-3 offsets 1200..2399 and its "
                + "commit")).contains(new ConsumerMode.PauseAfterUpload.Announced(3, 1200, 2399));
        assertThat(ConsumerMode.PauseAfterUpload.announced("23:31:02.114 INFO  [s3-upload-2] GenerationPublisher - "
                + "uploaded s3://b/k partition=3 offsets=1200..2399 rows=1188 bytes=80211 ms=41")).isEmpty();
    }

    @Test
    void aLogTailReturnsOnlyCompleteNewLines() throws Exception {
        Path log = dir.resolve("c.log");
        var tail = new LogTail(log);
        assertThat(tail.poll()).isEmpty();
        Files.writeString(log, "one\ntw", StandardCharsets.UTF_8);
        assertThat(tail.poll()).containsExactly("one");
        Files.writeString(log, "o\r\nthree\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(tail.poll()).containsExactly("two", "three");
        assertThat(tail.poll()).isEmpty();
    }

    @Test
    void faultLinesAreStampedWithTheRunsClockAndCountedByKind() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var clock = new AtomicLong(1_000_000_000L);
        try (var log = new FaultLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("chaos.log"),
                clock::get)) {
            clock.addAndGet(12_345_000_000L);
            log.fault(FaultKind.KILL, "kill -9 consumer-2 (pid 1234)");
            clock.addAndGet(61_000_000_000L);
            log.note("S3 is back");
            log.fault(FaultKind.KILL, "kill -9 consumer-3 (pid 1235)");
            assertThat(log.counts()).containsEntry(FaultKind.KILL, 2).containsEntry(FaultKind.BROKER_RESTART, 0);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "[00:12.3] kill -9 consumer-2 (pid 1234)", "[01:13.3] S3 is back", "[01:13.3] kill -9 consumer-3 (pid 1235)");
        assertThat(Files.readAllLines(dir.resolve("chaos.log"))).hasSize(3);
        assertThat(FaultLog.clock(3_723_456)).isEqualTo("62:03.4");
    }

    @Test
    void theEventCountKeepsTheProducerBusyForMostOfThePhase() {
        assertThat(ChaosOptions.eventsFor(Duration.ofMinutes(2), 2000)).isEqualTo(216_000);
        var options = ChaosOptions.defaults(Duration.ofMinutes(1), 5, dir, ChaosJars.in(dir)).withRate(1000);
        assertThat(options.events()).isEqualTo(54_000);
        assertThat(options.consumerSettings()).containsEntry("BATCH_MAX_AGE", "2s").containsEntry("S3_MAX_ATTEMPTS", "2");
    }

    @Test
    void optionsOutsideTheirRangesAreRefused() {
        assertThatThrownBy(() -> ChaosOptions.defaults(Duration.ofSeconds(10), 1, dir, ChaosJars.in(dir)))
                .hasMessageContaining("at least 30 s");
        assertThatThrownBy(() -> ChaosOptions.defaults(Duration.ofMinutes(1), 1, dir, ChaosJars.in(dir)).withConsumersMax(0))
                .hasMessageContaining("consumersMax");
    }

    @Test
    void theJarsAreFoundUnderTheGivenRootOrTheErrorSaysWhereItLooked() throws Exception {
        Files.createDirectories(dir.resolve("producer/target"));
        Files.createDirectories(dir.resolve("consumer/target"));
        assertThatThrownBy(() -> ChaosJars.locate(dir)).hasMessageContaining(dir.toString()).hasMessageContaining("--jars");
        Files.writeString(dir.resolve("producer/target/clickstream-producer.jar"), "");
        Files.writeString(dir.resolve("consumer/target/clickstream-consumer.jar"), "");
        assertThat(ChaosJars.locate(dir).consumer()).isEqualTo(dir.resolve("consumer/target/clickstream-consumer.jar"));
    }

    @Test
    void theJarSnapshotRunsFromCopiesInTheRunFolderAndDeletesThemAtTheEnd() throws Exception {
        Path producer = Files.writeString(dir.resolve("producer.jar"), "p");
        Path consumer = Files.writeString(dir.resolve("consumer.jar"), "c");
        Path runDir = dir.resolve("run");

        JarSnapshot snapshot = JarSnapshot.take(new ChaosJars(producer, consumer), runDir);
        assertThat(snapshot.jars().producer()).isEqualTo(runDir.resolve("jars/producer.jar")).hasContent("p");
        assertThat(snapshot.jars().consumer()).isEqualTo(runDir.resolve("jars/consumer.jar")).hasContent("c");

        snapshot.close();
        snapshot.close(); // the shutdown hook may close it again
        assertThat(runDir.resolve("jars")).doesNotExist();
        assertThat(producer).hasContent("p");
        assertThat(consumer).hasContent("c");
    }

    @Test
    void theSessionTimeoutIsTenSecondsUnlessSetAndReachesTheConsumersAsTheirVariable() {
        var d = ChaosOptions.defaults(Duration.ofMinutes(1), 1, dir, ChaosJars.in(dir));
        assertThat(d.consumerSessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.consumerSettings()).containsEntry("KAFKA_SESSION_TIMEOUT", "10s");

        var tuned = d.withSessionTimeout(Duration.ofMillis(7500));
        assertThat(tuned.consumerSessionTimeout()).isEqualTo(Duration.ofMillis(7500));
        assertThat(tuned.consumerSettings()).containsEntry("KAFKA_SESSION_TIMEOUT", "7500ms");

        var settings = new HashMap<>(d.consumerSettings());
        settings.remove("KAFKA_SESSION_TIMEOUT");
        var untouched = new ChaosOptions(d.seed(), d.duration(), d.consumersMax(), d.partitions(), d.rate(), d.events(),
                d.invalidRatio(), d.killInterval(), d.pauseAfterUpload(), d.drainTimeout(), d.evictAfterKill(),
                d.membership(), d.groupProtocol(), d.runDir(), d.lakeDir(), d.jars(), d.childJvmOptions(), settings,
                d.inPlaceShare());
        assertThat(untouched.consumerSessionTimeout()).as("the consumer's own default").isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void byDefaultTheRunEvictsNothingUsesStaticMembershipAndLeavesTheGroupProtocolToTheConsumer() {
        var d = ChaosOptions.defaults(Duration.ofMinutes(1), 1, dir, ChaosJars.in(dir));
        assertThat(d.evictAfterKill()).isFalse();
        assertThat(d.membership()).isEqualTo(Membership.STATIC);
        assertThat(d.groupProtocol()).isNull();
        assertThat(d.describeGroup()).isEqualTo("static membership (KAFKA_GROUP_INSTANCE_ID = the consumer's slot, "
                + "chaos-N), group protocol (the consumer's default), session timeout 10.0 s, no eviction");
        assertThat(d.withMembership(Membership.DYNAMIC).withGroupProtocol("classic").withEvictAfterKill(true)
                .describeGroup()).isEqualTo("dynamic membership, group protocol classic, session timeout 10.0 s, "
                        + "members EVICTED after kills (Admin API)");
        assertThatThrownBy(() -> d.withGroupProtocol("eager")).hasMessageContaining("[classic, consumer]");
    }

    @Test
    void theChaosCommandKeepsItsEvictionFlagsAndParsesTheGroupOptions() {
        ChaosCommand plain = parse();
        assertThat(plain.evictAfterKill).isFalse();
        assertThat(plain.membership).isEqualTo("static");
        assertThat(plain.groupProtocol).isNull();
        assertThat(plain.sessionTimeout).isEqualTo("10s");
        assertThat(parse("--evict-after-kill").evictAfterKill).isTrue();
        // the flag the "before" measurement used keeps working
        assertThat(parse("--no-evict-after-kill").evictAfterKill).isFalse();
        ChaosCommand tuned = parse("--membership", "dynamic", "--group-protocol", "consumer", "--session-timeout", "6s");
        assertThat(Membership.parse(tuned.membership)).isEqualTo(Membership.DYNAMIC);
        assertThat(tuned.groupProtocol).isEqualTo("consumer");
        assertThat(tuned.sessionTimeout).isEqualTo("6s");
        assertThatThrownBy(() -> Membership.parse("sticky")).hasMessageContaining("static or dynamic");
    }

    private static ChaosCommand parse(String... args) {
        var command = new ChaosCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void rebalanceLinesOfTheConsumerTellWhichPartitionsItHolds() {
        Set<Integer> held = new TreeSet<>();
        AssignmentLine.parse("23:31:02.114 INFO  [main] SinkLoop - assigned [clickstream-0, clickstream-3, clickstream-5]",
                "clickstream").orElseThrow().applyTo(held);
        assertThat(held).containsExactly(0, 3, 5);
        AssignmentLine.parse("23:31:09.002 INFO  [main] SinkLoop - revoked [clickstream-3] (flushed and committed)",
                "clickstream").orElseThrow().applyTo(held);
        assertThat(held).containsExactly(0, 5);
        AssignmentLine.parse("23:31:19.002 WARN  [main] SinkLoop - lost [clickstream-5] without a clean revocation: "
                + "dropping their uncommitted files, no commit", "clickstream").orElseThrow().applyTo(held);
        assertThat(held).containsExactly(0);
        // another topic's partitions (a topic whose name ends in a number, too) are not ours
        assertThat(AssignmentLine.parse("SinkLoop - assigned [clickstream-2-7, other-1]", "clickstream").orElseThrow()
                .partitions()).isEmpty();
        assertThat(AssignmentLine.parse("SinkLoop - assigned [clickstream-2-7]", "clickstream-2").orElseThrow()
                .partitions()).containsExactly(7);
        assertThat(AssignmentLine.parse("GenerationPublisher - uploaded s3://b/k partition=3 offsets=1..2", "clickstream"))
                .isEmpty();
    }

    private static Map<String, String> object(int partition, long first, long last) {
        return Map.of("kafka-partition", Integer.toString(partition), "kafka-first-offset", Long.toString(first),
                "kafka-last-offset", Long.toString(last));
    }

    @Test
    void aWriteOverAnObjectTheGroupHasCommittedPastIsAnOverwriteAndAReplayOfAnUncommittedKeyIsNot() {
        var check = new OverwriteCheck();
        String key = "clickstream/hour=21/k-clickstream-0-00000000000000000000.parquet";
        String otherKey = "clickstream/hour=21/k-clickstream-0-00000000000000002157.parquet";

        check.written(key, null, object(0, 0, 1060), 1_000, null);
        // the first writer froze before its commit: the successor replaces the uncommitted object, committed at 0
        check.written(key, object(0, 0, 1060), object(0, 0, 2156), 9_000, 0L);
        check.written(otherKey, null, object(0, 2157, 4138), 12_000, 2157L);
        // a new object at a free key, however far committed, overwrites nothing
        check.written("clickstream/hour=21/k-clickstream-0-00000000000000009999.parquet", null, object(0, 9999, 10000),
                13_000, 20_000L);
        assertThat(check.overwrites()).isEmpty();

        // an unconditional late write over the successor's object, long committed past
        check.written(key, object(0, 0, 2156), object(0, 0, 1060), 60_000, 4139L);
        check.upload("consumer-2", new UploadLine(key, 0, 0, 2156));
        check.upload("consumer-3 (chaos-3, pid 7)", new UploadLine(key, 0, 0, 1060));
        assertThat(check.overwrites()).singleElement().satisfies(o -> {
            assertThat(o.writtenBy()).isEqualTo("consumer-3 (chaos-3, pid 7)");
            assertThat(o.replaced().last()).isEqualTo(2156);
            assertThat(o.describe()).startsWith("[01:00.0] clickstream/hour=21/k-clickstream-0-")
                    .contains("the object of consumer-3 (chaos-3, pid 7) (partition 0 offsets 0..1060) written over the "
                            + "object of consumer-2 (offsets 0..2156)")
                    .endsWith("which was committed (partition committed at 4139)");
        });
    }

    @Test
    void aWriteWhoseWriterLoggedNoUploadSaysSoAndMetadataWithoutOffsetsIsNoOverwrite() {
        var check = new OverwriteCheck();
        check.written("k", Map.of(), object(0, 0, 5), 1_000, 100L);
        check.written("k", object(0, 0, 5), Map.of(), 2_000, 100L);
        assertThat(check.overwrites()).singleElement().satisfies(o ->
                assertThat(o.describe()).contains("the object of a writer that logged no upload (partition -1"));
    }

    @Test
    void aRestartInPlaceTakesTheSlotFreedLastAndANewConsumerANewSlot() {
        var slots = new ConsumerSlots();
        assertThat(slots.takeFreed()).isEmpty();
        String one = slots.fresh();
        String two = slots.fresh();
        String three = slots.fresh();
        assertThat(List.of(one, two, three)).containsExactly("chaos-1", "chaos-2", "chaos-3");
        slots.free(one);
        slots.free(three);
        slots.free(one); // freed again (its restart died too): it is the latest
        assertThat(slots.takeFreed()).contains("chaos-1");
        assertThat(slots.takeFreed()).contains("chaos-3");
        assertThat(slots.takeFreed()).isEmpty();
        assertThat(slots.fresh()).isEqualTo("chaos-4");
    }

    @Test
    void aContainerRestartTakesItsOwnSlotBackOnlyWhileItIsFree() {
        var slots = new ConsumerSlots();
        String one = slots.fresh();
        String two = slots.fresh();
        slots.free(one);
        slots.free(two);
        assertThat(slots.take(one)).as("not the slot freed last: the one that died there").isTrue();
        assertThat(slots.take(one)).as("taken already").isFalse();
        assertThat(slots.takeFreed()).contains(two);
        assertThat(slots.take("chaos-9")).isFalse();
    }

    @Test
    void restartsComeDueInTheOrderTheyWereAddedAndOnlyOnce() {
        var queue = new RestartQueue();
        assertThat(queue.any()).isFalse();
        queue.add("chaos-2", new ConsumerMode.Clean(), 1_500);
        queue.add("chaos-1", new ConsumerMode.Clean(), 1_200);
        queue.add("chaos-3", new ConsumerMode.Clean(), 9_000);

        assertThat(queue.takeDue(1_199)).isEmpty();
        assertThat(queue.takeDue(2_000)).extracting(RestartQueue.Restart::slot).containsExactly("chaos-2", "chaos-1");
        assertThat(queue.takeDue(2_000)).isEmpty();
        assertThat(queue.any()).isTrue();
        queue.clear();
        assertThat(queue.any()).isFalse();
        assertThat(queue.takeDue(10_000)).isEmpty();
    }

    @Test
    void consumerModesTranslateToTheConsumersFaultHook() {
        assertThat(new ConsumerMode.Clean().faultSpec()).isNull();
        assertThat(new ConsumerMode.PauseAfterUpload(Duration.ofSeconds(2)).faultSpec()).isEqualTo("pause-after-upload:2000ms");
        assertThat(new ConsumerMode.HaltDuringUpload(4).faultSpec()).isEqualTo("halt-during-upload:4");
        assertThat(new ConsumerMode.HaltAfterUpload(2).faultSpec()).isEqualTo("halt-after-upload:2");
        assertThat(new ConsumerMode.HaltAfterUpload(2).selfHalting()).isTrue();
        assertThat(new ConsumerMode.PauseAfterUpload(Duration.ofSeconds(2)).selfHalting()).isFalse();
    }
}
