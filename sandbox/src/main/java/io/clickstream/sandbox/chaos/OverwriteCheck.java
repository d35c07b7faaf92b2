package io.clickstream.sandbox.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flags a PUT that replaced an object whose offsets the group had already committed past: a committed object
 * overwritten, which must never happen (issue 13: a zombie's late upload replacing its successor's file). The lake
 * verdict sees such an overwrite only when the contents differ; this sees it either way.
 *
 * <p>It judges the S3 server's own record of its writes ({@link #written}), in the order the server carried them
 * out, not the writers' log lines: a consumer frozen between its PUT and its "uploaded" line logs the PUT only once
 * it is thawed, after its successor's replacement of that very object, and the log's order would make the
 * successor the victim. A replacement by the partition's owner (a key that holds an earlier, uncommitted attempt)
 * is not flagged: the owner resumes at the committed offset, so the object it replaces was not committed past. The
 * committed offset is the last sampled before the write, so an overwrite right after a commit may be missed, but
 * nothing is flagged that is not an overwrite of a committed object. The log lines ({@link #upload}) only name the
 * writers.
 */
final class OverwriteCheck {
    static final String PARTITION = "kafka-partition";
    static final String FIRST_OFFSET = "kafka-first-offset";
    static final String LAST_OFFSET = "kafka-last-offset";

    /** The offsets an object holds, from its metadata (-1 where it says nothing). */
    record Offsets(int partition, long first, long last) {
        static Offsets of(Map<String, String> metadata) {
            long partition = number(metadata, PARTITION);
            return new Offsets(partition > Integer.MAX_VALUE ? -1 : (int) partition, number(metadata, FIRST_OFFSET),
                    number(metadata, LAST_OFFSET));
        }

        private static long number(Map<String, String> metadata, String name) {
            try {
                String text = metadata.get(name);
                return text == null ? -1 : Long.parseLong(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** At {@code atMillis} (the run's clock) {@code written} replaced {@code replaced}, committed past ({@code committed}). */
    record Overwrite(String key, Offsets replaced, String replacedBy, Offsets written, String writtenBy, long atMillis,
            long committed) {
        String describe() {
            return String.format(Locale.ROOT, "%s %s: the object of %s (partition %d offsets %d..%d) written over the "
                    + "object of %s (offsets %d..%d), which was committed (partition committed at %d)",
                    FaultLog.stamp(atMillis), key, writtenBy, written.partition(), written.first(), written.last(),
                    replacedBy, replaced.first(), replaced.last(), committed);
        }
    }

    private record Upload(String key, long first, long last) {
    }

    private final Map<Upload, Set<String>> writers = new HashMap<>();
    private final List<Overwrite> overwrites = new ArrayList<>();

    /** A consumer logged the upload of {@code line}: names the writer of that object. */
    synchronized void upload(String consumer, UploadLine line) {
        writers.computeIfAbsent(new Upload(line.key(), line.firstOffset(), line.lastOffset()),
                k -> new LinkedHashSet<>()).add(consumer);
    }

    /**
     * The server wrote {@code written} at {@code key} at {@code atMillis}, over {@code replacedOrNull} (null: the key
     * was free); {@code committedOrNull} is the partition's committed offset as last sampled before then.
     */
    synchronized void written(String key, Map<String, String> replacedOrNull, Map<String, String> written,
            long atMillis, Long committedOrNull) {
        if (replacedOrNull == null || committedOrNull == null) {
            return;
        }
        Offsets replaced = Offsets.of(replacedOrNull);
        if (replaced.last() >= 0 && committedOrNull > replaced.last()) {
            overwrites.add(new Overwrite(key, replaced, null, Offsets.of(written), null, atMillis, committedOrNull));
        }
    }

    /** The overwrites found, their writers named from the log lines read so far. */
    synchronized List<Overwrite> overwrites() {
        return overwrites.stream().map(o -> new Overwrite(o.key(), o.replaced(), writer(o.key(), o.replaced()),
                o.written(), writer(o.key(), o.written()), o.atMillis(), o.committed())).toList();
    }

    private String writer(String key, Offsets offsets) {
        Set<String> names = writers.get(new Upload(key, offsets.first(), offsets.last()));
        return names == null ? "a writer that logged no upload" : String.join(" or ", names);
    }
}
