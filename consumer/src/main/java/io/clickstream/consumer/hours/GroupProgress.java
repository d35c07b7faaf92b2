package io.clickstream.consumer.hours;

import java.util.Map;

/**
 * What the group has committed for one topic: each partition's committed offset and the watermark its
 * commit carries ({@link Watermark#NONE} where it carries none), and how many partitions the topic has.
 */
public record GroupProgress(int partitions, Map<Integer, Long> offsets, Map<Integer, Long> watermarks,
        Map<Integer, Long> graces) {
    public GroupProgress {
        offsets = Map.copyOf(offsets);
        watermarks = Map.copyOf(watermarks);
        graces = Map.copyOf(graces);
    }

    /** Progress whose commits carry no grace. */
    public GroupProgress(int partitions, Map<Integer, Long> offsets, Map<Integer, Long> watermarks) {
        this(partitions, offsets, watermarks, Map.of());
    }

    /** Partitions of the topic without a committed watermark: while there are any, no hour is complete. */
    public java.util.List<Integer> withoutWatermark() {
        var missing = new java.util.ArrayList<Integer>();
        for (int p = 0; p < partitions; p++) {
            Long watermark = watermarks.get(p);
            if (watermark == null || watermark == Watermark.NONE) {
                missing.add(p);
            }
        }
        return missing;
    }

    /** Reads it (from Kafka's Admin API in the consumer; fixed in tests). */
    @FunctionalInterface
    public interface Source {
        GroupProgress read() throws Exception;
    }
}
