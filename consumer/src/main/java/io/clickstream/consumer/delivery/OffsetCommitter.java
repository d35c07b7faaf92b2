package io.clickstream.consumer.delivery;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets synchronously and sorts the outcome: committed, refused because a rebalance is in
 * progress (the next poll completes it), or refused for good (the group moved on). While Kafka is
 * unreachable a commit is retried, at most {@value #MAX_ATTEMPTS} times with a growing pause; a
 * wakeup (shutdown) does not skip it.
 */
final class OffsetCommitter {
    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);
    static final int MAX_ATTEMPTS = 10;
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<?, ?> consumer;

    OffsetCommitter(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    sealed interface Outcome {
        record Committed() implements Outcome {
        }

        record Rebalancing(RebalanceInProgressException cause) implements Outcome {
        }

        record Refused(KafkaException cause) implements Outcome {
        }
    }

    Outcome commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        long pauseMillis = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(offsets, COMMIT_TIMEOUT);
                return new Outcome.Committed();
            } catch (WakeupException e) {
                // shutdown asked us to stop polling; committing is still what we want (a wakeup fires once)
            } catch (RebalanceInProgressException e) {
                return new Outcome.Rebalancing(e);
            } catch (CommitFailedException | FencedInstanceIdException e) {
                // Not (or no longer) the partition's owner: the group moved on, or another consumer joined with
                // this one's static instance id.
                return new Outcome.Refused(e);
            } catch (RetriableException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    return new Outcome.Refused(new CommitFailedException("commit failed " + attempt + " times: " + e.getMessage()));
                }
                log.warn("offset commit failed (attempt {}), Kafka unreachable? retrying in {} ms: {}", attempt, pauseMillis,
                        e.getMessage());
                sleep(pauseMillis);
                pauseMillis = Math.min(5_000, pauseMillis * 2);
            }
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
