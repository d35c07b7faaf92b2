package io.clickstream.consumer;

import io.clickstream.common.kafka.KafkaAuthFailures;
import io.clickstream.common.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * One {@code describeCluster} with the consumer's own security settings, for the start-up wait: a broker that
 * refuses the credentials, or whose certificate is not trusted, is then one clear line and exit code 2, instead
 * of an exception out of the first poll; a broker that does not answer (yet) is asked again, up to
 * {@code STARTUP_TIMEOUT}.
 */
final class KafkaPreflight {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What the check found. */
    sealed interface Outcome {
        record Ready(int brokers) implements Outcome {
        }

        /** The broker refused us or we refused it: retrying will not help. */
        record Refused(String message) implements Outcome {
        }

        /** No answer in time, or another failure: the poll loop keeps trying. */
        record NoAnswer(String message) implements Outcome {
        }
    }

    private KafkaPreflight() {
    }

    static Outcome check(String brokers, KafkaClientProperties clientProperties, String clientId) {
        try (Admin admin = ShortLivedAdmin.create(brokers, clientProperties, clientId, TIMEOUT)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis())).nodes()
                    .get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
            return new Outcome.Ready(nodes);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            Optional<String> refused = KafkaAuthFailures.explain(cause);
            if (refused.isPresent()) {
                return new Outcome.Refused("Kafka at " + brokers + ": " + clientProperties.redact(refused.get()));
            }
            return new Outcome.NoAnswer(clientProperties.redact(String.valueOf(cause)));
        } catch (TimeoutException e) {
            return new Outcome.NoAnswer("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.NoAnswer("interrupted");
        }
    }
}
