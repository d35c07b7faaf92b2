package io.clickstream.sandbox.chaos;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer's per-file summary line, {@code uploaded s3://bucket/key partition=3 offsets=1200..2399 rows=...}:
 * a file is in S3, and its generation's offsets are committed only after the rest of the generation is.
 */
record UploadLine(String key, int partition, long firstOffset, long lastOffset) {
    private static final Pattern LINE = Pattern.compile(
            "uploaded s3://\\S+?/(\\S+) partition=(\\d+) offsets=(\\d+)\\.\\.(\\d+)");

    static Optional<UploadLine> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new UploadLine(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4))));
    }
}
