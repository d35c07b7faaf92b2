package io.clickstream.consumer.hours;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The {@code _manifest.json} of a complete hour: the hour folder's files that the group has committed,
 * each with its rows, bytes, Kafka partition, offsets and event-time range, plus totals. A file is
 * committed when its last offset lies below its partition's committed offset; anything else in the
 * folder (an object of an upload that was never committed) is an orphan, listed apart, and a Parquet object
 * without this consumer's lineage metadata is named under {@code foreign}. The committed
 * files of one partition must tile its offsets without overlap, or there is no manifest at all.
 *
 * <p>Built from the listing alone, in a fixed order (partition, first offset), so any consumer that
 * writes it writes the same bytes.
 */
public record HourManifest(String topic, Instant hour, List<LakeObject> files, List<LakeObject> orphans, List<String> foreign) {

    public HourManifest(String topic, Instant hour, List<LakeObject> files, List<LakeObject> orphans) {
        this(topic, hour, files, orphans, List.of());
    }
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Comparator<LakeObject> OFFSET_ORDER =
            Comparator.comparingInt(LakeObject::partition).thenComparingLong(LakeObject::firstOffset).thenComparing(LakeObject::key);

    /** Why an hour gets no manifest: a listing that contradicts the offsets. */
    public static final class Inconsistent extends Exception {
        Inconsistent(String message) {
            super(message);
        }
    }

    /**
     * @param objects the Parquet objects of the hour folder
     * @param committed each partition's committed offset (the offset after the last committed record)
     */
    public static HourManifest build(String topic, Instant hour, List<LakeObject> objects, Map<Integer, Long> committed)
            throws Inconsistent {
        var files = new ArrayList<LakeObject>();
        var orphans = new ArrayList<LakeObject>();
        var foreign = new ArrayList<String>();
        for (LakeObject object : objects) {
            if (!object.hasLineage()) {
                foreign.add(object.key()); // not written by this consumer: named, never counted, never deleted
                continue;
            }
            if (!topic.equals(object.topic())) {
                continue; // another topic's file sharing the prefix: not this topic's hour
            }
            Long offset = committed.get(object.partition());
            if (offset != null && object.lastOffset() < offset) {
                files.add(object);
            } else {
                orphans.add(object);
            }
        }
        files.sort(OFFSET_ORDER);
        orphans.sort(OFFSET_ORDER);
        for (int i = 1; i < files.size(); i++) {
            LakeObject before = files.get(i - 1);
            LakeObject next = files.get(i);
            if (before.partition() == next.partition() && next.firstOffset() <= before.lastOffset()) {
                throw new Inconsistent("committed files overlap in partition " + next.partition() + ": " + before.key()
                        + " (offsets " + before.firstOffset() + ".." + before.lastOffset() + ") and " + next.key()
                        + " (offsets " + next.firstOffset() + ".." + next.lastOffset() + ")");
            }
        }
        foreign.sort(null);
        return new HourManifest(topic, hour, List.copyOf(files), List.copyOf(orphans), List.copyOf(foreign));
    }

    public long rows() {
        return files.stream().mapToLong(LakeObject::rows).sum();
    }

    public long bytes() {
        return files.stream().mapToLong(LakeObject::bytes).sum();
    }

    /** The manifest's JSON: deterministic for the same files and orphans. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("topic", topic);
        root.put("hour", hour.toString());
        ObjectNode totals = root.putObject("totals");
        totals.put("files", files.size());
        totals.put("rows", rows());
        totals.put("bytes", bytes());
        totals.put("partitions", files.stream().mapToInt(LakeObject::partition).distinct().count());
        // As instants, not as text: Instant.toString leaves out a zero fraction, and '.' sorts before 'Z'.
        files.stream().map(LakeObject::minEventTime).map(HourManifest::instant).filter(t -> t != null).min(Instant::compareTo)
                .ifPresent(t -> totals.put("min_event_time", t.toString()));
        files.stream().map(LakeObject::maxEventTime).map(HourManifest::instant).filter(t -> t != null).max(Instant::compareTo)
                .ifPresent(t -> totals.put("max_event_time", t.toString()));
        write(root.putArray("files"), files);
        write(root.putArray("orphans"), orphans);
        ArrayNode others = root.putArray("foreign");
        foreign.forEach(others::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static void write(ArrayNode array, List<LakeObject> objects) {
        for (LakeObject object : objects) {
            ObjectNode file = array.addObject();
            file.put("key", object.key());
            file.put("rows", object.rows());
            file.put("bytes", object.bytes());
            file.put("kafka_partition", object.partition());
            file.put("first_offset", object.firstOffset());
            file.put("last_offset", object.lastOffset());
            if (object.minEventTime() != null) {
                file.put("min_event_time", object.minEventTime());
            }
            if (object.maxEventTime() != null) {
                file.put("max_event_time", object.maxEventTime());
            }
        }
    }
}
