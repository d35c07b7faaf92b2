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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void theSessionTimeoutIsTheConsumersDefaultUnlessTheConsumerSettingsSetIt() {
        var d = ChaosOptions.defaults(Duration.ofMinutes(1), 1, dir, ChaosJars.in(dir));
        assertThat(d.consumerSessionTimeout()).isEqualTo(Duration.ofSeconds(45));

        var settings = new HashMap<>(d.consumerSettings());
        settings.put("KAFKA_SESSION_TIMEOUT", "10s");
        var tuned = new ChaosOptions(d.seed(), d.duration(), d.consumersMax(), d.partitions(), d.rate(), d.events(),
                d.invalidRatio(), d.killInterval(), d.pauseAfterUpload(), d.drainTimeout(), d.evictAfterKill(), d.runDir(),
                d.lakeDir(), d.jars(), d.childJvmOptions(), settings);
        assertThat(tuned.consumerSessionTimeout()).isEqualTo(Duration.ofSeconds(10));
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
