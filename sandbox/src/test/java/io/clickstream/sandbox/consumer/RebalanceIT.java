package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several instances in one group share the partitions, and partitions moving between them while records
 * flow (a member joins, a member leaves) neither lose nor duplicate a record: a revoked partition is
 * flushed and committed before its new owner starts from the commit.
 */
class RebalanceIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final int PARTITIONS = 6;
    /** Records flowing between two membership changes. */
    private static final long BETWEEN_CHANGES_MS = 2000;

    @Test
    void membersJoiningAndLeavingWhileRecordsFlowNeitherLoseNorDuplicateRecords() throws Exception {
        var names = Names.of("rebalance");
        STACK.kafka().createTopic(names.topic(), PARTITIONS);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());
        // Instances on one machine started with the same environment share the spool folder.
        Path spool = ConsumerEnv.newSpoolDir();
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.put("SPOOL_DIR", spool.toString());

        TestTraffic.Sent sent;
        var stopProducing = new AtomicBoolean();
        try (var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), PARTITIONS, 3, 61);
                var a = InProcessConsumer.start("rebalance-a", env);
                var b = InProcessConsumer.start("rebalance-b", env)) {
            groups.awaitStable(names.group(), 2, PARTITIONS, Duration.ofSeconds(60));
            CompletableFuture<TestTraffic.Sent> producing = CompletableFuture.supplyAsync(() -> {
                try {
                    return traffic.sendPaced(200_000, 101, 1000, stopProducing::get);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            try (var c = InProcessConsumer.start("rebalance-c", env)) {
                Thread.sleep(BETWEEN_CHANGES_MS);
                var three = groups.awaitStable(names.group(), 3, PARTITIONS, Duration.ofSeconds(60));
                assertThat(three.members()).as("every member owns partitions: %s", three)
                        .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
                Thread.sleep(BETWEEN_CHANGES_MS);

                var summaryA = a.stop(Duration.ofSeconds(40));
                assertThat(summaryA.drainedCleanly()).as("a committed what it held when it left").isTrue();
                groups.awaitStable(names.group(), 2, PARTITIONS, Duration.ofSeconds(60));
                Thread.sleep(BETWEEN_CHANGES_MS);
                assertThat(producing).as("records still flowing after the last move").isNotDone();

                stopProducing.set(true);
                sent = producing.get(30, TimeUnit.SECONDS);
                groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60),
                        () -> b.isRunning() && c.isRunning());
                var summaryB = b.stop(Duration.ofSeconds(40));
                var summaryC = c.stop(Duration.ofSeconds(40));
                System.out.printf("RebalanceIT: %d records sent; consumed a=%d b=%d c=%d%n", sent.total(),
                        summaryA.consumed(), summaryB.consumed(), summaryC.consumed());
                assertThat(summaryA.consumed()).isPositive();
                assertThat(summaryC.consumed()).isPositive();
                assertThat(summaryB.drainedCleanly()).isTrue();
                assertThat(summaryC.drainedCleanly()).isTrue();
            }
        }

        VerifierReport report = Lake.verify(STACK, names, true);
        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(report.expectedOffsets()).isEqualTo(sent.total());
        assertThat(report.rows()).as("each valid record once").isEqualTo(sent.valid());
        assertThat(report.deadLetters()).isGreaterThanOrEqualTo(sent.invalid());
    }
}
