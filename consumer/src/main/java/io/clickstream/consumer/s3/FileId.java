package io.clickstream.consumer.s3;

import java.time.Instant;

/**
 * What names a file: the hour folder it belongs to, whether it holds late events, and its first
 * record (timestamp, topic, partition, offset). Equal ids always give equal keys.
 */
public record FileId(Instant hour, boolean late, Instant firstTimestamp, String topic, int partition, long firstOffset) {
}
