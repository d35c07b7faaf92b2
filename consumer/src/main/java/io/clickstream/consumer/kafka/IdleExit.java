package io.clickstream.consumer.kafka;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EXIT_WHEN_IDLE}: due only when the consumer holds an assignment, has read every assigned
 * partition up to its end, and nothing arrived for the whole idle period. Before its first assignment
 * it is never due (a consumer that never read anything has nothing to call committed); it then logs
 * why it is waiting, first after {@value #FIRST_WAITING_LOG_SECONDS} s, then every {@value #WAITING_LOG_SECONDS} s.
 */
final class IdleExit {
    private static final Logger log = LoggerFactory.getLogger(IdleExit.class);
    private static final long FIRST_WAITING_LOG_SECONDS = 3;
    private static final long WAITING_LOG_SECONDS = 10;

    private final Duration idle;
    private final Consumer<?, ?> consumer;
    private final String topic;
    private long lastActivityMillis;
    private long lastWaitingLogMillis;

    /** @param idle null: never due */
    IdleExit(Duration idle, Consumer<?, ?> consumer, String topic, long nowMillis) {
        this.idle = idle;
        this.consumer = consumer;
        this.topic = topic;
        this.lastActivityMillis = nowMillis;
        this.lastWaitingLogMillis = nowMillis - (WAITING_LOG_SECONDS - FIRST_WAITING_LOG_SECONDS) * 1000;
    }

    /** Records arrived, or partitions were assigned: the idle period starts again. */
    void activity(long nowMillis) {
        lastActivityMillis = nowMillis;
    }

    boolean due(long nowMillis) {
        if (idle == null) {
            return false;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            lastActivityMillis = nowMillis;
            logWhyWaiting(nowMillis);
            return false;
        }
        return nowMillis - lastActivityMillis >= idle.toMillis() && readToTheEnd(assigned);
    }

    /** Every assigned partition read up to its end offset (a lag not known yet counts as not read). */
    private boolean readToTheEnd(Set<TopicPartition> assigned) {
        for (TopicPartition partition : assigned) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private void logWhyWaiting(long nowMillis) {
        if (nowMillis - lastWaitingLogMillis < WAITING_LOG_SECONDS * 1000) {
            return;
        }
        lastWaitingLogMillis = nowMillis;
        log.info("EXIT_WHEN_IDLE waits for a first assignment: {}", whyNoAssignment());
    }

    private String whyNoAssignment() {
        int partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(1)).size();
        } catch (TimeoutException e) {
            return "Kafka is unreachable (no answer about topic " + topic + " within 1 s)";
        } catch (RuntimeException e) {
            return "Kafka cannot tell about topic " + topic + ": " + e.getMessage();
        }
        String member;
        try {
            member = consumer.groupMetadata().memberId();
        } catch (RuntimeException e) {
            member = "";
        }
        if (member == null || member.isEmpty()) {
            return "joining the consumer group (the group's rebalance is pending)";
        }
        return "this member holds none of the " + partitions + " partitions of " + topic + ": other members hold them "
                + "(a member that stopped without leaving keeps its partitions until its session times out, KAFKA_SESSION_TIMEOUT)";
    }
}
