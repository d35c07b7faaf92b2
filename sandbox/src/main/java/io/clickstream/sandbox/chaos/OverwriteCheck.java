package io.clickstream.sandbox.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flags an upload of a key whose earlier object had already been committed past: a committed object overwritten,
 * which must never happen (issue 13: a zombie's late upload replacing its successor's file). The lake verdict
 * sees such an overwrite only when the contents differ; this sees it either way.
 *
 * <p>Why an upload of a committed key can only be an overwrite by someone who no longer owns the partition: keys
 * come from a file's first offset, and an owner resumes at the committed offset, past the key's range. A replay
 * after a kill between upload and commit rewrites keys that were not committed past, which is not flagged. The
 * committed offsets are those of the last sample answered before the consumer logged the upload (not before this
 * run read the line: the replay's own commit may have been sampled in between), so an overwrite right after the
 * commit may be missed, but nothing is flagged that is not an overwrite of a committed object.
 */
final class OverwriteCheck {

    /** An upload line: who logged it, what, and when (the run's clock). */
    record Upload(String consumer, UploadLine line, long atMillis) {
    }

    /** {@code later} replaced {@code earlier}, whose offsets the group had committed past ({@code committed}). */
    record Overwrite(Upload earlier, Upload later, long committed) {
        String describe() {
            return String.format(Locale.ROOT, "%s %s %s (partition %d offsets %d..%d) over the object %s uploaded %s "
                    + "(offsets %d..%d), which was committed (partition committed at %d)", FaultLog.stamp(later.atMillis()),
                    later.consumer(), later.line().key(), later.line().partition(), later.line().firstOffset(),
                    later.line().lastOffset(), earlier.consumer(), FaultLog.stamp(earlier.atMillis()),
                    earlier.line().firstOffset(), earlier.line().lastOffset(), committed);
        }
    }

    private final Map<String, Upload> lastByKey = new HashMap<>();
    private final List<Overwrite> overwrites = new ArrayList<>();

    /**
     * An upload line seen at {@code atMillis}; {@code committedOrNull} is the partition's committed offset as last
     * sampled before the consumer logged it.
     */
    synchronized void upload(String consumer, UploadLine line, long atMillis, Long committedOrNull) {
        Upload upload = new Upload(consumer, line, atMillis);
        Upload earlier = lastByKey.put(line.key(), upload);
        if (earlier != null && committedOrNull != null && committedOrNull > earlier.line().lastOffset()) {
            overwrites.add(new Overwrite(earlier, upload, committedOrNull));
        }
    }

    synchronized List<Overwrite> overwrites() {
        return List.copyOf(overwrites);
    }
}
