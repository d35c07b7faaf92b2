package io.clickstream.consumer.kafka;

/** What a run of the sink did, for the final log line and the sandbox's summary. */
public record SinkSummary(long consumed, long valid, long invalid, long filesUploaded, long bytesUploaded,
        boolean drainedCleanly) {
}
