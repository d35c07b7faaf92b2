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
 * largest "after" is the most the JVM held live (plus what young collections did not reach).
 */
public record GcLog(long peakUsedBytes, long peakAfterGcBytes, long peakCommittedBytes, int collections) {
    private static final Pattern SIZES = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    public static GcLog parse(Path file) {
        long used = -1;
        long after = -1;
        long committed = -1;
        int collections = 0;
        try {
            if (!Files.exists(file)) {
                return new GcLog(-1, -1, -1, 0);
            }
            for (String line : Files.readAllLines(file)) {
                Matcher m = SIZES.matcher(line);
                if (m.find()) {
                    collections++;
                    used = Math.max(used, bytes(m.group(1), m.group(2)));
                    after = Math.max(after, bytes(m.group(3), m.group(4)));
                    committed = Math.max(committed, bytes(m.group(5), m.group(6)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new GcLog(-1, -1, -1, collections);
        }
        return new GcLog(used, after, committed, collections);
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
