package io.clickstream.sandbox.chaos;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer's per-file summary line, {@code uploaded s3://bucket/key partition=3 offsets=1200..2399 rows=...}:
 * a file is in S3, and its generation's offsets are committed only after the rest of the generation is.
 *
 * @param loggedAt the line's own time of day (the consumer's log pattern starts with {@code HH:mm:ss.SSS}), logged
 *     once the upload was done and before its commit; null if the line does not start with one
 */
record UploadLine(String key, int partition, long firstOffset, long lastOffset, LocalTime loggedAt) {
    private static final Pattern LINE = Pattern.compile(
            "uploaded s3://\\S+?/(\\S+) partition=(\\d+) offsets=(\\d+)\\.\\.(\\d+)");
    private static final Pattern TIME = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");

    UploadLine(String key, int partition, long firstOffset, long lastOffset) {
        this(key, partition, firstOffset, lastOffset, null);
    }

    static Optional<UploadLine> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        Matcher time = TIME.matcher(line);
        return Optional.of(new UploadLine(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), time.find() ? LocalTime.parse(time.group(1)) : null));
    }
}
