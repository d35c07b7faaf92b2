package io.clickstream.consumer.hours;

import java.util.Map;

/**
 * What the group has committed for one topic: each partition's committed offset and the watermark its
 * commit carries ({@link Watermark#NONE} where it carries none), and how many partitions the topic has.
 */
public record GroupProgress(int partitions, Map<Integer, Long> offsets, Map<Integer, Long> watermarks) {
    public GroupProgress {
        offsets = Map.copyOf(offsets);
        watermarks = Map.copyOf(watermarks);
    }

    /** Reads it (from Kafka's Admin API in the consumer; fixed in tests). */
    @FunctionalInterface
    public interface Source {
        GroupProgress read() throws Exception;
    }
}
