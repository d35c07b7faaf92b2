package io.clickstream.consumer.hours;

import java.util.HashMap;
import java.util.Map;

/** Lake objects and their lineage metadata, as the consumer's uploader writes them. */
final class Lineage {
    static final String TOPIC = "clickstream";

    private Lineage() {
    }

    static Map<String, String> lineage(String topic, int partition, long first, long last, long rows, String minEventTime,
            String maxEventTime) {
        var metadata = new HashMap<String, String>();
        metadata.put(LakeObject.TOPIC, topic);
        metadata.put(LakeObject.PARTITION, Integer.toString(partition));
        metadata.put(LakeObject.FIRST_OFFSET, Long.toString(first));
        metadata.put(LakeObject.LAST_OFFSET, Long.toString(last));
        metadata.put(LakeObject.ROWS, Long.toString(rows));
        if (minEventTime != null) {
            metadata.put(LakeObject.MIN_EVENT_TIME, minEventTime);
        }
        if (maxEventTime != null) {
            metadata.put(LakeObject.MAX_EVENT_TIME, maxEventTime);
        }
        return metadata;
    }

    static Map<String, String> lineage(int partition, long first, long last) {
        return lineage(TOPIC, partition, first, last, last - first + 1, null, null);
    }

    /** A file of {@code clickstream} named like the consumer names it, in {@code folder}. */
    static String key(String folder, String topic, int partition, long first) {
        return folder + "20261204T050000000Z-" + topic + "-" + partition + "-" + String.format("%020d", first) + ".parquet";
    }

    static LakeObject object(String folder, int partition, long first, long last) {
        return new LakeObject(key(folder, TOPIC, partition, first), 1_000 + first, lineage(partition, first, last));
    }
}
