package io.clickstream.sandbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap high-water mark of another JVM, from its {@code -Xlog:gc} file. Each collection logs
 * {@code used-before->used-after(committed)}; the heap only fills up between collections, so the
 * largest "before" is the peak of used heap (to within what was allocated after the last one), and the
 * largest "after" is the most the JVM held live (plus what young collections did not reach). What was allocated
 * is what the heap grew by between one collection's "after" and the next one's "before", summed: all the
 * allocation up to the last collection (what came after it, less than one young generation, is not counted).
 */
public record GcLog(long peakUsedBytes, long peakAfterGcBytes, long peakCommittedBytes, int collections,
        long allocatedBytes) {
    private static final Pattern SIZES = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** The JVM option that writes such a log to {@code file}: one line per collection, no change to the heap's sizing. */
    public static String option(Path file) {
        return "-Xlog:gc:file=" + file;
    }

    public static GcLog parse(Path file) {
        long used = -1;
        long after = -1;
        long committed = -1;
        int collections = 0;
        long allocated = 0;
        long lastAfter = 0;
        try {
            if (!Files.exists(file)) {
                return new GcLog(-1, -1, -1, 0, -1);
            }
            for (String line : Files.readAllLines(file)) {
                Matcher m = SIZES.matcher(line);
                if (m.find()) {
                    collections++;
                    long before = bytes(m.group(1), m.group(2));
                    long afterThis = bytes(m.group(3), m.group(4));
                    used = Math.max(used, before);
                    after = Math.max(after, afterThis);
                    committed = Math.max(committed, bytes(m.group(5), m.group(6)));
                    allocated += Math.max(0, before - lastAfter);
                    lastAfter = afterThis;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new GcLog(-1, -1, -1, collections, -1);
        }
        return new GcLog(used, after, committed, collections, collections == 0 ? -1 : allocated);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
