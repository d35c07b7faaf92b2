package io.clickstream.producer.publish;

import io.clickstream.common.kafka.KafkaAuthFailures;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before producing, asks the cluster to describe itself (and the topic, creating it if asked) until it
 * answers or the start-up timeout passes: one log line per failed attempt, no stack traces. Producing
 * straight away would instead block in {@code send()} and let the client log a warning per reconnect.
 */
public final class StartupCheck {
    private static final Logger LOG = LoggerFactory.getLogger(StartupCheck.class);
    static final Duration MAX_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MIN_ATTEMPT_TIMEOUT = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** The topic to check, and whether and how to create it when it is missing. */
    public record TopicPlan(String topic, boolean create, int partitions, short replicationFactor) {
        public TopicPlan {
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** How the check ended. */
    public sealed interface Result {
        /** @param partitions the topic's partitions, 0 when it does not exist yet (left to the broker's auto-creation) */
        record Ready(int brokers, int partitions) implements Result {
        }

        /** The cluster did not answer in time. */
        record Unreachable(String message) implements Result {
        }

        /** The cluster answered, but the topic cannot be used as asked (creation refused, not authorized). */
        record Failed(String message) implements Result {
        }

        record Cancelled() implements Result {
        }
    }

    /** The cluster answered but is not ready yet (too few brokers for the replication factor): ask again. */
    private static final class NotYet extends Exception {
        private static final long serialVersionUID = 1L;

        NotYet(String message) {
            super(message, null, false, false);
        }
    }

    /** A failure that retrying until the timeout cannot fix. */
    private static final class Permanent extends Exception {
        private static final long serialVersionUID = 1L;

        Permanent(String message) {
            super(message, null, false, false);
        }
    }

    private final Supplier<ClusterAccess> connect;
    private final Ticker ticker;
    private final Sleeper sleeper;

    public StartupCheck(Supplier<ClusterAccess> connect, Ticker ticker, Sleeper sleeper) {
        this.connect = Objects.requireNonNull(connect, "connect");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public Result run(String brokers, Duration timeout, TopicPlan plan, BooleanSupplier cancelled) {
        long start = ticker.nanoTime();
        long deadline = start + timeout.toNanos();
        ClusterAccess access = null;
        try {
            for (int attempt = 1; ; attempt++) {
                long remaining = deadline - ticker.nanoTime();
                Duration attemptTimeout = Duration.ofNanos(Math.max(MIN_ATTEMPT_TIMEOUT.toNanos(),
                        Math.min(MAX_ATTEMPT_TIMEOUT.toNanos(), remaining)));
                String problem;
                try {
                    if (access == null) {
                        access = connect.get();
                    }
                    return check(access, plan, attemptTimeout);
                } catch (Permanent e) {
                    return new Result.Failed(e.getMessage());
                } catch (NotYet e) {
                    problem = e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result.Cancelled();
                } catch (Exception e) {
                    if (isPermanent(Errors.rootCause(e))) {
                        // Kafka says only "SSL handshake failed": the reason is at the bottom of the chain.
                        return new Result.Failed("Kafka at " + brokers + " refused the start-up check: "
                                + KafkaAuthFailures.explain(e).orElseGet(() -> Errors.describe(e)));
                    }
                    problem = Errors.describe(e);
                }
                long now = ticker.nanoTime();
                if (now - deadline >= 0) {
                    return new Result.Unreachable("Kafka at " + brokers + " is not usable after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts") + " in " + seconds(now - start)
                            + " (startup timeout " + seconds(timeout.toNanos()) + "): " + problem);
                }
                long backoff = Math.min(Math.min(MAX_BACKOFF.toNanos(), 1_000_000_000L << Math.min(attempt - 1, 10)),
                        deadline - now);
                LOG.warn("Kafka at {} not ready (attempt {}, {} of {}): {}; retrying in {}",
                        brokers, attempt, seconds(now - start), seconds(timeout.toNanos()), problem, seconds(backoff));
                if (!pause(backoff, cancelled)) {
                    return new Result.Cancelled();
                }
            }
        } finally {
            if (access != null) {
                access.close();
            }
        }
    }

    private Result check(ClusterAccess access, TopicPlan plan, Duration timeout) throws Exception {
        int brokers = access.describeCluster(timeout);
        OptionalInt partitions = access.partitions(plan.topic(), timeout);
        if (partitions.isPresent()) {
            if (plan.create() && partitions.getAsInt() != plan.partitions()) {
                LOG.info("topic {} already exists with {} partitions (not {}); using it as it is",
                        plan.topic(), partitions.getAsInt(), plan.partitions());
            }
            return new Result.Ready(brokers, partitions.getAsInt());
        }
        if (!plan.create()) {
            LOG.warn("topic {} does not exist; the broker creates it on the first event if auto.create.topics.enable "
                    + "is on, otherwise every event fails: pass --create-topic to create it", plan.topic());
            return new Result.Ready(brokers, 0);
        }
        if (brokers < plan.replicationFactor()) {
            throw new NotYet("replication factor " + plan.replicationFactor() + " needs "
                    + plan.replicationFactor() + " brokers, the cluster has " + brokers);
        }
        try {
            access.createTopic(plan.topic(), plan.partitions(), plan.replicationFactor(), timeout);
        } catch (Exception e) {
            Throwable cause = Errors.rootCause(e);
            if (isPermanent(cause) || cause instanceof InvalidReplicationFactorException
                    || cause instanceof InvalidPartitionsException || cause instanceof InvalidConfigurationException
                    || cause instanceof PolicyViolationException) {
                throw new Permanent("cannot create topic " + plan.topic() + " with " + plan.partitions()
                        + " partitions and replication factor " + plan.replicationFactor() + ": " + Errors.describe(cause));
            }
            throw e;
        }
        LOG.info("created topic {} with {} partitions, replication factor {}",
                plan.topic(), plan.partitions(), plan.replicationFactor());
        return new Result.Ready(brokers, plan.partitions());
    }

    private static boolean isPermanent(Throwable error) {
        return error instanceof AuthenticationException || error instanceof AuthorizationException
                || error instanceof InvalidTopicException;
    }

    private boolean pause(long nanos, BooleanSupplier cancelled) {
        long end = ticker.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = end - ticker.nanoTime()) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                sleeper.sleepNanos(Math.min(left, EventTimePacer.MAX_SLEEP_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !cancelled.getAsBoolean();
    }

    static String seconds(long nanos) {
        long millis = Math.round(nanos / 1e6);
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
