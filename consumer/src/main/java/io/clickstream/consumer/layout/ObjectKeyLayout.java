package io.clickstream.consumer.layout;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one place that names an object:
 * {@code <prefix>/[late/]year=YYYY/month=MM/day=DD/hour=HH/<first-ts>-<topic>-<partition>-<first-offset>.parquet}.
 *
 * <p>Every part is a pure function of the file's first record (its hour, its timestamp, its Kafka
 * coordinates), never of the consumer's clock: a replay after a crash rebuilds the same key and
 * overwrites the object instead of writing a duplicate. Offsets are zero-padded to 20 digits so
 * keys sort in offset order. The file is named by the same instant that picks its folder, so a
 * name never contradicts its folder.
 */
public final class ObjectKeyLayout {
    private static final DateTimeFormatter FIRST_TS =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final String prefix;

    public ObjectKeyLayout(String prefix) {
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
    }

    public String key(FileStart first) {
        return prefix + first.folder().path() + "/" + FIRST_TS.format(first.partitionTime()) + "-"
                + first.partition().topic() + "-" + first.partition().partition() + "-"
                + String.format("%020d", first.offset()) + ".parquet";
    }

    /** The prefix of every object of an hour folder: {@code <prefix>/[late/]year=.../hour=HH/}. */
    public String folder(HourFolder folder) {
        return prefix + folder.path() + "/";
    }

    /** The prefix all lake objects share (for listings). */
    public String root() {
        return prefix;
    }
}
