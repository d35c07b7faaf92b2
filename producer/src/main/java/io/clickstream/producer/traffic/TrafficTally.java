package io.clickstream.producer.traffic;

import java.util.EnumMap;
import java.util.Map;

/** Counts records by kind as they are handed out. Single-threaded: one instance per counting thread. */
public final class TrafficTally {
    private long valid;
    private long late;
    private long outOfOrder;
    private long duplicates;
    private final Map<InvalidKind, Long> invalid = new EnumMap<>(InvalidKind.class);

    /** Counts the record and returns it. */
    public OutgoingRecord count(OutgoingRecord record) {
        switch (record.kind()) {
            case VALID -> valid++;
            case LATE -> late++;
            case OUT_OF_ORDER -> outOfOrder++;
            case DUPLICATE -> duplicates++;
            case INVALID -> invalid.merge(record.invalidKind(), 1L, Long::sum);
        }
        return record;
    }

    public TrafficCounts counts() {
        return new TrafficCounts(valid, late, outOfOrder, duplicates, invalid);
    }
}
