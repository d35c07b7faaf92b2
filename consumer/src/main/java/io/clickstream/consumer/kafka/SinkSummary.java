package io.clickstream.consumer.kafka;

import java.util.List;

/**
 * What a run of the sink did, for the final log line, the exit code and the sandbox's summary.
 *
 * @param notCommitted what this consumer read and that is not committed (partition, offsets, why); empty when
 *     every record it read was committed
 * @param failure why the consumer stopped on its own (an upload that no retry fixes), or null
 */
public record SinkSummary(long consumed, long valid, long invalid, long filesUploaded, long bytesUploaded,
        List<String> notCommitted, String failure) {

    public SinkSummary {
        notCommitted = List.copyOf(notCommitted);
    }

    /** A consumer that never started: nothing read, nothing owed. */
    public static SinkSummary nothingRead() {
        return new SinkSummary(0, 0, 0, 0, 0, List.of(), null);
    }

    /** Every record read was committed, and nothing failed for good: the only case for exit code 0. */
    public boolean drainedCleanly() {
        return notCommitted.isEmpty() && failure == null;
    }
}
