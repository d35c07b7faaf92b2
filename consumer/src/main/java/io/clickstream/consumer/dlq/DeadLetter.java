package io.clickstream.consumer.dlq;

import io.clickstream.common.validation.Violation;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;

/**
 * One invalid record on its way to the dead-letter topic. It keeps the record until the send is
 * acknowledged, so that a send that failed for a passing reason can be made again without consuming
 * the record again.
 */
public final class DeadLetter {
    private final DeadLetterSender sender;
    private final ConsumerRecord<byte[], byte[]> record;
    private final List<Violation> violations;
    private final long heldBytes;
    private volatile Future<RecordMetadata> send;
    /** Acknowledged, or given up on by policy: nothing more to wait for. */
    private volatile boolean settled;
    /** The last send failed for a passing reason: send again at the next attempt. */
    private volatile boolean resendDue;

    DeadLetter(DeadLetterSender sender, ConsumerRecord<byte[], byte[]> record, List<Violation> violations) {
        this.sender = sender;
        this.record = record;
        this.violations = List.copyOf(violations);
        this.heldBytes = sizeOf(record);
        this.send = sender.send(record, violations);
    }

    /** What the send came to. */
    public sealed interface Outcome {
        record Acknowledged() implements Outcome {
        }

        /** It may work if made again: the broker was unreachable or timed out. */
        record Transient(Throwable cause) implements Outcome {
        }

        /** It will never work: too large for the topic, not authorized, no such topic. */
        record Refused(Throwable cause) implements Outcome {
        }
    }

    /**
     * Waits for the send's acknowledgement (on an upload thread); a send that failed for a passing reason
     * is made again first. Acknowledged (or {@link #settle settled}) letters answer at once.
     */
    public Outcome await() throws InterruptedException {
        if (settled) {
            return new Outcome.Acknowledged();
        }
        if (resendDue) {
            resendDue = false;
            send = sender.send(record, violations);
        }
        try {
            send.get();
            settled = true;
            return new Outcome.Acknowledged();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (isTransient(cause)) {
                resendDue = true;
                return new Outcome.Transient(cause);
            }
            return new Outcome.Refused(cause);
        }
    }

    /** Gives up on the letter ({@code DLQ_FAILURE=skip}): it counts as delivered from now on. */
    public void settle() {
        settled = true;
    }

    /**
     * Kafka's own retryable errors are transient, except a topic that does not exist: the producer
     * retries that one until its delivery timeout, and it does not heal by waiting.
     */
    static boolean isTransient(Throwable cause) {
        if (cause instanceof UnknownTopicOrPartitionException) {
            return false;
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                && String.valueOf(cause.getMessage()).contains("not present in metadata")) {
            return false;
        }
        return cause instanceof RetriableException;
    }

    /** Where the record came from, for log lines: {@code topic-partition@offset}. */
    public String coordinates() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    public long offset() {
        return record.offset();
    }

    /** Heap held for the record until its send is acknowledged: key, value and headers. */
    public long heldBytes() {
        return heldBytes;
    }

    private static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
        long bytes = 64;
        if (record.key() != null) {
            bytes += record.key().length;
        }
        if (record.value() != null) {
            bytes += record.value().length;
        }
        for (Header header : record.headers()) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }
}
