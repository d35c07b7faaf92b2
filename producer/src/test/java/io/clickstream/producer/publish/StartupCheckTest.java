package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.clickstream.producer.testing.FakeTime;
import io.clickstream.testkit.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StartupCheckTest {
    private static final String BROKERS = "localhost:9092";
    private static final StartupCheck.TopicPlan USE = new StartupCheck.TopicPlan("clickstream", false, 3, (short) 1);
    private static final StartupCheck.TopicPlan CREATE = new StartupCheck.TopicPlan("clickstream", true, 6, (short) 1);

    private final FakeTime time = new FakeTime();
    private final FakeCluster cluster = new FakeCluster();
    private LogCapture log;

    /** A cluster that is down for the first {@code downAttempts} calls of describeCluster. */
    private final class FakeCluster implements ClusterAccess {
        int downAttempts;
        int brokers = 1;
        Integer partitions;
        Exception createFailure;
        final List<String> created = new ArrayList<>();
        int closed;
        int describes;

        @Override
        public int describeCluster(Duration timeout) throws Exception {
            describes++;
            if (describes <= downAttempts) {
                time.advance(timeout.toNanos()); // a real client waits out its timeout
                throw new ExecutionException(new TimeoutException(
                        "Timed out waiting for a node assignment. Call: describeCluster"));
            }
            return brokers;
        }

        @Override
        public OptionalInt partitions(String topic, Duration timeout) {
            return partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions);
        }

        @Override
        public void createTopic(String topic, int count, short replicationFactor, Duration timeout) throws Exception {
            if (createFailure != null) {
                throw createFailure;
            }
            created.add(topic + "/" + count + "/" + replicationFactor);
        }

        @Override
        public void close() {
            closed++;
        }
    }

    @BeforeEach
    void captureLog() {
        log = LogCapture.of(StartupCheck.class);
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private StartupCheck.Result check(StartupCheck.TopicPlan plan, Duration timeout) {
        return new StartupCheck(() -> cluster, time, time).run(BROKERS, timeout, plan, () -> false);
    }

    private List<ILoggingEvent> warnings() {
        return log.events().stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    @Test
    void readyAtOnceWhenTheClusterAnswers() {
        cluster.partitions = 3;
        assertThat(check(USE, Duration.ofSeconds(60))).isEqualTo(new StartupCheck.Result.Ready(1, 3));
        assertThat(warnings()).isEmpty();
        assertThat(cluster.closed).isEqualTo(1);
    }

    @Test
    void anUnreachableBrokerGetsOneLinePerAttemptWithoutStackTraceThenAClearFailure() {
        cluster.downAttempts = Integer.MAX_VALUE;
        long start = time.nanoTime();
        StartupCheck.Result result = check(USE, Duration.ofSeconds(60));

        assertThat(result).isInstanceOf(StartupCheck.Result.Unreachable.class);
        String message = ((StartupCheck.Result.Unreachable) result).message();
        assertThat(message).startsWith("Kafka at localhost:9092 is not usable after ")
                .contains("startup timeout 60s").contains("TimeoutException: Timed out waiting for a node assignment");
        assertThat(Duration.ofNanos(time.nanoTime() - start)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(66));
        assertThat(warnings()).hasSize(cluster.describes - 1).allSatisfy(line -> {
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
            assertThat(line.getFormattedMessage()).startsWith("Kafka at localhost:9092 not ready (attempt ")
                    .contains("retrying in");
        });
        assertThat(cluster.closed).isEqualTo(1);
    }

    @Test
    void aBrokerThatComesUpWithinTheTimeoutIsUsed() {
        cluster.downAttempts = 3;
        cluster.partitions = 3;
        assertThat(check(USE, Duration.ofSeconds(60))).isInstanceOf(StartupCheck.Result.Ready.class);
        assertThat(warnings()).hasSize(3);
    }

    @Test
    void aClientThatCannotEvenBeCreatedIsRetriedToo() {
        var attempts = new AtomicInteger();
        cluster.partitions = 1;
        var check = new StartupCheck(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new KafkaException("Failed to create new KafkaAdminClient");
            }
            return cluster;
        }, time, time);
        assertThat(check.run(BROKERS, Duration.ofSeconds(60), USE, () -> false))
                .isInstanceOf(StartupCheck.Result.Ready.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void createsAMissingTopicWhenAsked() {
        assertThat(check(CREATE, Duration.ofSeconds(60))).isEqualTo(new StartupCheck.Result.Ready(1, 6));
        assertThat(cluster.created).containsExactly("clickstream/6/1");
    }

    @Test
    void leavesAMissingTopicToAutoCreationWithAWarningWhenNotAskedToCreateIt() {
        assertThat(check(USE, Duration.ofSeconds(60))).isEqualTo(new StartupCheck.Result.Ready(1, 0));
        assertThat(cluster.created).isEmpty();
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w.getFormattedMessage()).contains("--create-topic"));
    }

    @Test
    void anExistingTopicIsNotCreatedAgain() {
        cluster.partitions = 12;
        assertThat(check(CREATE, Duration.ofSeconds(60))).isEqualTo(new StartupCheck.Result.Ready(1, 12));
        assertThat(cluster.created).isEmpty();
    }

    @Test
    void aRefusedTopicCreationFailsAtOnce() {
        cluster.createFailure = new ExecutionException(new PolicyViolationException("partitions must be <= 4"));
        StartupCheck.Result result = check(CREATE, Duration.ofSeconds(60));
        assertThat(result).isInstanceOf(StartupCheck.Result.Failed.class);
        assertThat(((StartupCheck.Result.Failed) result).message())
                .isEqualTo("cannot create topic clickstream with 6 partitions and replication factor 1: "
                        + "PolicyViolationException: partitions must be <= 4");
        assertThat(cluster.describes).isEqualTo(1);
    }

    @Test
    void waitsForAsManyBrokersAsTheReplicationFactorNeeds() {
        var plan = new StartupCheck.TopicPlan("clickstream", true, 3, (short) 3);
        StartupCheck.Result result = check(plan, Duration.ofSeconds(10));
        assertThat(result).isInstanceOf(StartupCheck.Result.Unreachable.class);
        assertThat(((StartupCheck.Result.Unreachable) result).message())
                .endsWith("replication factor 3 needs 3 brokers, the cluster has 1");
    }

    @Test
    void aStopRequestEndsTheWait() {
        cluster.downAttempts = Integer.MAX_VALUE;
        var stop = new AtomicBoolean();
        time.onSleep(() -> stop.set(true));
        var result = new StartupCheck(() -> cluster, time, time).run(BROKERS, Duration.ofSeconds(60), USE, stop::get);
        assertThat(result).isEqualTo(new StartupCheck.Result.Cancelled());
    }
}
