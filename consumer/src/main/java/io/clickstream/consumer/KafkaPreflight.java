package io.clickstream.consumer;

import io.clickstream.common.kafka.KafkaAuthFailures;
import io.clickstream.common.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One metadata request for the topic, sent by the consumer itself before it subscribes, with its own security
 * settings, for the start-up wait: a broker that refuses the credentials, or whose certificate is not trusted, or
 * an account not allowed to see the topic, is then one clear line and exit code 2, instead of an exception out of
 * the first poll; a broker that does not answer (yet) is asked again, up to {@code STARTUP_TIMEOUT}. Asking through
 * the consumer rather than an Admin client of its own spares the start a second client and connection.
 */
final class KafkaPreflight {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What the check found. */
    sealed interface Outcome {
        record Ready(int partitions) implements Outcome {
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

    /** {@code consumer} makes the consumer at the first attempt and returns it at the next ones. */
    static Outcome check(Supplier<? extends Consumer<?, ?>> consumer, String topic, String brokers,
            KafkaClientProperties clientProperties) {
        try {
            return new Outcome.Ready(consumer.get().partitionsFor(topic, TIMEOUT).size());
        } catch (KafkaClients.BootstrapUnresolved e) {
            return new Outcome.NoAnswer(e.getMessage());
        } catch (WakeupException e) {
            return new Outcome.NoAnswer("interrupted");
        } catch (AuthorizationException e) {
            return new Outcome.Refused("Kafka at " + brokers + ": not authorized (" + clientProperties.redact(
                    String.valueOf(e.getMessage())) + "): the consumer's account needs Describe and Read on topic "
                    + topic + " and Read on its group");
        } catch (TimeoutException e) {
            return new Outcome.NoAnswer("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (KafkaException e) {
            Optional<String> refused = KafkaAuthFailures.explain(e);
            if (refused.isPresent()) {
                return new Outcome.Refused("Kafka at " + brokers + ": " + clientProperties.redact(refused.get()));
            }
            return new Outcome.NoAnswer(clientProperties.redact(String.valueOf(e)));
        }
    }
}
