package io.clickstream.producer.publish;

import io.clickstream.producer.traffic.OutgoingRecord;
import java.util.Objects;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records and accounts for every one: each is counted as sent, then as acknowledged or failed
 * by its callback (or at once when {@code send} itself throws). Nothing is dropped without a count.
 * Takes the {@link Producer} interface, so tests use {@code MockProducer}.
 */
public final class EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final DeliveryCounters counters;
    /**
     * One callback for every record: it needs nothing of the record, so a lambda made per {@code send} (it captures
     * {@code this}) would only be garbage on the hot path.
     */
    private final Callback delivered = this::delivered;

    public EventPublisher(Producer<byte[], byte[]> producer, String topic, DeliveryCounters counters) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * Hands one record to the producer. May block while the producer's buffer is full (a broker is
     * away), for at most {@code max.block.ms}.
     */
    public void send(OutgoingRecord record) {
        counters.sent();
        try {
            producer.send(new ProducerRecord<>(topic, record.key(), record.value()), delivered);
        } catch (RuntimeException e) {
            // Thrown, not passed to a callback: the producer is closed, fenced, or the thread was
            // interrupted. The record is lost for sure, and so would every next one be.
            failed(e);
            counters.fatal(Errors.describe(e));
        }
    }

    private void delivered(RecordMetadata metadata, Exception error) {
        if (error == null) {
            counters.acked();
        } else {
            failed(error);
        }
    }

    /** Blocks until every record sent so far is acknowledged or has failed (bounded by delivery.timeout.ms). */
    public void flush() {
        producer.flush();
    }

    private void failed(Exception error) {
        Throwable cause = Errors.rootCause(error);
        boolean first = counters.failed(cause.getClass().getSimpleName());
        if (isFatal(cause)) {
            counters.fatal(Errors.describe(cause));
        }
        if (first) {
            LOG.warn("delivery to topic {} failed: {} (further failures of this kind are only counted)",
                    topic, Errors.describe(cause));
        }
    }

    /** Errors that retrying later cannot fix: stop generating rather than fail every next record. */
    static boolean isFatal(Throwable error) {
        return error instanceof AuthenticationException || error instanceof AuthorizationException
                || error instanceof UnsupportedVersionException || error instanceof ProducerFencedException
                || error instanceof InvalidTopicException || error instanceof IllegalStateException;
    }
}
