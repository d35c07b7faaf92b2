package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXIT_WHEN_IDLE never fires before the consumer holds an assignment: a standby whose group mate holds
 * the only partition waits (saying why) instead of exiting 0 with "everything committed" having read
 * nothing; once it takes the partition over it reads it to its end, and only then exits.
 */
class ExitWhenIdleIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @Test
    void aStandbyWaitsForAnAssignmentAndExitsOnlyAfterReadingItsPartitionToTheEnd() throws Exception {
        var names = Names.of("idle-standby");
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            topics.createWithDeadLettersAndBucket(names, 1, STACK.s3());
            try (var producer = topics.producer(1 << 20)) {
                for (int i = 0; i < 200; i++) {
                    producer.send(new ProducerRecord<>(names.topic(), ("k" + i).getBytes(StandardCharsets.UTF_8),
                            RecordSizeCapTest.validEventOf(0)));
                }
            }
        }
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        JarProcess holder = consumers.start("idle-holder", env);
        awaitLine(holder, "assigned [", Duration.ofSeconds(60));

        Map<String, String> standbyEnv = ConsumerEnv.of(STACK, names);
        standbyEnv.put("EXIT_WHEN_IDLE", "3s");
        JarProcess standby = consumers.start("idle-standby", standbyEnv);
        awaitLine(standby, "EXIT_WHEN_IDLE waits for a first assignment", Duration.ofSeconds(60));
        Thread.sleep(10_000); // three idle periods and more, without an assignment

        assertThat(standby.isAlive()).as("a standby that holds no partition does not exit; its log:%n%s", standby.tail(20))
                .isTrue();
        assertThat(standby.output()).contains("holds none of the 1 partitions of " + names.topic());

        holder.terminate();
        assertThat(holder.awaitExit(Duration.ofSeconds(60))).isZero();
        assertThat(standby.awaitExit(Duration.ofSeconds(90))).as(standby.tail(30)).isZero();
        assertThat(standby.output()).contains("assigned [" + names.topic() + "-0]", "everything committed");
        try (var topics = new KafkaTopics(STACK.kafka().bootstrapServers())) {
            assertThat(topics.lag(names.topic(), names.group())).isZero();
        }
    }

    static void awaitLine(JarProcess process, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.output().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no line with '" + text + "' within " + timeout + "; tail:\n" + process.tail(30));
            }
            Thread.sleep(200);
        }
    }
}
