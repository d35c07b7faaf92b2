package io.clickstream.consumer.layout;

import java.time.Instant;
import org.apache.kafka.common.TopicPartition;

/**
 * The first record of a file, which names it: its Kafka coordinates, the instant that partitions it
 * (its Kafka timestamp, or its event time with {@code PARTITION_TIME=event}) and whether it is late.
 * Equal starts always give equal keys.
 */
public record FileStart(TopicPartition partition, long offset, Instant partitionTime, boolean late) {

    public HourFolder folder() {
        return HourFolder.of(partitionTime, late);
    }
}
