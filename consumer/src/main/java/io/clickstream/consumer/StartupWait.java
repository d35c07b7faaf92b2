package io.clickstream.consumer;

import io.clickstream.common.kafka.KafkaClientProperties;
import io.clickstream.consumer.s3.BucketPreflight;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Waits at start-up until Kafka answers and the bucket is there, one line per failed attempt, with a
 * backoff from 1 s up to 15 s, for at most {@code STARTUP_TIMEOUT} (0 = forever). While compose or
 * Kubernetes starts the broker and S3 they refuse connections, time out, or do not resolve yet; a
 * consumer that never reaches them exits 1 naming which, instead of hanging or failing with a stack
 * trace. A wrong bucket or refused credentials are configuration errors: exit 2 at once. Once running,
 * outages are waited out without limit (uploads back off, the poll loop keeps turning).
 *
 * <p>A hand-written loop rather than a retry library: it is one deadline and one log line per attempt,
 * and the consumer has no other use for such a library.
 */
final class StartupWait {
    private static final Logger log = LoggerFactory.getLogger(StartupWait.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(15);

    private final Duration timeout;
    private final BooleanSupplier running;
    private final Runnable onAttempt;
    private final long deadlineNanos;
    private volatile Runnable abort = () -> {
    };

    /** Start-up cannot go on: what could not be reached, and for how long it was tried (exit code 1). */
    static final class UnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param timeout {@code Duration.ZERO}: wait forever
     * @param onAttempt told at each attempt: waiting is what the process should be doing (liveness)
     */
    StartupWait(Duration timeout, BooleanSupplier running, Runnable onAttempt) {
        this.timeout = timeout;
        this.running = running;
        this.onAttempt = onAttempt;
        this.deadlineNanos = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    }

    /**
     * A failure found elsewhere that ends every wait at its next attempt: {@code check} runs after each attempt and
     * what it throws ends the wait (the S3 half of the start, running beside the Kafka half, failed for good while
     * Kafka is still awaited).
     */
    void abortOn(Runnable check) {
        this.abort = check;
    }

    /**
     * Asks the cluster, through the consumer itself (not yet subscribed; {@code consumer} makes it at the first
     * attempt whose host names resolve), for the topic's partitions until it answers. A refused login or an
     * untrusted certificate ends the start at once (exit 2): waiting does not fix them.
     */
    void awaitKafka(Supplier<? extends Consumer<?, ?>> consumer, String topic, String brokers,
            KafkaClientProperties clientProperties) {
        await("Kafka at " + brokers, () -> {
            KafkaPreflight.Outcome outcome = KafkaPreflight.check(consumer, topic, brokers, clientProperties);
            if (outcome instanceof KafkaPreflight.Outcome.Refused refused) {
                throw new ConsumerApp.StartupException(refused.message());
            }
            return outcome instanceof KafkaPreflight.Outcome.NoAnswer none ? none.message() : null;
        });
    }

    /**
     * Checks the bucket until S3 answers; a missing bucket or refused credentials end the start at once. On a thread
     * of its own beside the Kafka half: it stops (returns) once {@code wanted} says the start has ended without it.
     */
    void awaitBucket(S3Client s3, String bucket, BooleanSupplier wanted) {
        await("S3 bucket '" + bucket + "'", "unreachable", "reachable", MAX_PAUSE, wanted, () -> {
            BucketPreflight.Outcome outcome = BucketPreflight.check(s3, bucket);
            if (outcome instanceof BucketPreflight.Outcome.Misconfigured bad) {
                throw new ConsumerApp.StartupException(bad.message());
            }
            return outcome instanceof BucketPreflight.Outcome.Unavailable down ? down.message() : null;
        });
    }

    /**
     * Under the consumer group protocol: makes sure no member of the group holds this consumer's static instance id,
     * removing a stale holder (see {@link InstanceIdTakeover}); retried while the group cannot be asked.
     */
    void claimInstanceId(String brokers, KafkaClientProperties clientProperties, String clientId, String group,
            String instanceId) {
        await("KAFKA_GROUP_INSTANCE_ID " + instanceId, "not claimed", "claimed", FIRST_PAUSE, () -> true,
                () -> InstanceIdTakeover.claim(brokers, clientProperties, clientId, group, instanceId));
    }

    /** One attempt: null when it worked, else why not. */
    private interface Attempt {
        String run();
    }

    private void await(String what, Attempt attempt) {
        await(what, "unreachable", "reachable", MAX_PAUSE, () -> true, attempt);
    }

    private void await(String what, String down, String up, Duration maxPause, BooleanSupplier wanted,
            Attempt attempt) {
        Duration pause = FIRST_PAUSE;
        for (int n = 1; running.getAsBoolean() && wanted.getAsBoolean(); n++) {
            onAttempt.run();
            String problem = attempt.run();
            abort.run();
            if (problem == null) {
                if (n > 1) {
                    log.info("{} is {}", what, up);
                }
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new UnreachableException(what + " " + down + " for " + human(timeout) + " (STARTUP_TIMEOUT): "
                        + problem);
            }
            Duration wait = Duration.ofNanos(Math.min(pause.toNanos(), left));
            log.warn("{} {} (attempt {}): {}; retrying in {} ms", what, down, n, problem, wait.toMillis());
            sleep(wait);
            pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 60_000 == 0 ? d.toMinutes() + "m" : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
