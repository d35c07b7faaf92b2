package io.clickstream.sandbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S3 down (answering 503, then not answering at all) is waited out: the consumer keeps running and
 * keeps its group membership, pauses its partitions, commits nothing that is not in S3, and delivers
 * everything once S3 is back.
 */
class S3OutageIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final int PARTITIONS = 3;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** Uploads that were already accepted when the outage began may still be committed meanwhile. */
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Pattern PAUSED = Pattern.compile("paused=(\\d+)");

    @Test
    void duringS3OutagesTheConsumerPausesCommitsNothingKeepsItsGroupAndAfterwardsDeliversEverything()
            throws Exception {
        var names = Names.of("s3-outage");
        STACK.kafka().createTopic(names.topic(), PARTITIONS);
        STACK.kafka().createTopic(names.dlqTopic(), 1);
        STACK.s3().createBucket(names.bucket());

        TestTraffic.Sent sent;
        try (var logs = new CapturedLogs("io.clickstream.consumer.kafka.SinkLoop", "io.clickstream.consumer.delivery",
                "io.clickstream.consumer.progress");
                var groups = new KafkaGroups(STACK.kafka().bootstrapServers());
                var traffic = new TestTraffic(STACK.kafka().bootstrapServers(), names.topic(), PARTITIONS, 3, 71);
                var consumer = InProcessConsumer.start("s3-outage-consumer", ConsumerEnv.of(STACK, names))) {
            // Before: a normal run with a few invalid records, all delivered.
            sent = traffic.send(3000, 97);
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), consumer::isRunning);
            String member = theOnlyMember(groups.describe(names.group()));

            // Outage 1: every S3 request answers 503 SlowDown.
            STACK.s3().failRequests(503);
            try {
                sent = sent.plus(traffic.send(3000, 0));
                watchOutage("503", groups, names, consumer, member, logs);
            } finally {
                STACK.s3().healRequests();
            }
            assertThat(STACK.s3().injectedFailures()).as("requests failed with 503").isPositive();
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), consumer::isRunning);

            // Outage 2: the S3 server is gone (connection refused), then comes back on the same port.
            STACK.s3().stop();
            try {
                sent = sent.plus(traffic.send(3000, 0));
                watchOutage("stopped", groups, names, consumer, member, logs);
            } finally {
                STACK.s3().start();
            }
            groups.awaitCommittedToEnd(names.topic(), names.group(), Duration.ofSeconds(60), consumer::isRunning);
            assertThat(logs.messages()).as("the consumer said S3 is back").anyMatch(m -> m.startsWith("S3 is back"));

            var summary = consumer.stop(Duration.ofSeconds(30));
            assertThat(summary.drainedCleanly()).isTrue();
            assertThat(summary.consumed()).as("each record consumed once: no crash, no replay").isEqualTo(sent.total());
        }

        VerifierReport report = Lake.verify(STACK, names, true);
        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(report.expectedOffsets()).isEqualTo(sent.total());
        assertThat(report.rows()).isEqualTo(sent.valid());
        assertThat(report.deadLetters()).isEqualTo(sent.invalid());
    }

    /**
     * Watches the consumer for the length of an outage: after a grace period the committed offsets must not
     * move, the consumer must stay alive and the group's only member, and its partitions must get paused.
     */
    private static void watchOutage(String kind, KafkaGroups groups, Names names, InProcessConsumer consumer,
            String member, CapturedLogs logs) throws InterruptedException {
        long start = System.nanoTime();
        int logsBefore = logs.messages().size();
        Thread.sleep(GRACE.toMillis());
        Map<TopicPartition, Long> committed = groups.committed(names.group());
        int samples = 0;
        while (System.nanoTime() - start < OUTAGE.toNanos()) {
            assertThat(consumer.isRunning()).as("consumer alive during the %s outage: %s", kind, consumer.outcome())
                    .isTrue();
            assertThat(groups.committed(names.group())).as("committed offsets during the %s outage", kind)
                    .isEqualTo(committed);
            ConsumerGroupDescription group = groups.describe(names.group());
            assertThat(theOnlyMember(group)).as("the same member during the %s outage", kind).isEqualTo(member);
            assertThat(group.groupState()).isEqualTo(GroupState.STABLE);
            samples++;
            Thread.sleep(1000);
        }
        assertThat(groups.lag(names.topic(), names.group())).as("records waiting for S3 after the %s outage", kind)
                .isPositive();
        var during = logs.messages().subList(logsBefore, logs.messages().size());
        assertThat(during).as("upload failures reported during the %s outage", kind)
                .anyMatch(m -> m.contains("failed") && m.contains("partition paused"));
        int maxPaused = during.stream().map(PAUSED::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
        assertThat(maxPaused).as("partitions paused during the %s outage", kind).isEqualTo(PARTITIONS);
        System.out.printf("S3OutageIT: %s outage: %d samples, committed offsets unchanged at %s%n", kind, samples,
                committed);
    }

    private static String theOnlyMember(ConsumerGroupDescription group) {
        Set<String> members = group.members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
        assertThat(members).as("members of %s", group.groupId()).hasSize(1);
        return members.iterator().next();
    }
}
