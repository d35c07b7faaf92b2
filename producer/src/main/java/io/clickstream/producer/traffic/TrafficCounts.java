package io.clickstream.producer.traffic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many records of each kind were handed out for sending. */
public record TrafficCounts(long valid, long late, long outOfOrder, long duplicates, Map<InvalidKind, Long> invalidByKind) {
    public static final TrafficCounts EMPTY = new TrafficCounts(0, 0, 0, 0, Map.of());

    public TrafficCounts {
        var copy = new EnumMap<InvalidKind, Long>(InvalidKind.class);
        for (InvalidKind kind : InvalidKind.values()) {
            copy.put(kind, invalidByKind.getOrDefault(kind, 0L));
        }
        invalidByKind = Collections.unmodifiableMap(copy); // EnumMap: summary lists kinds in a fixed order
    }

    public long invalid() {
        return invalidByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public long total() {
        return valid + late + outOfOrder + duplicates + invalid();
    }
}
