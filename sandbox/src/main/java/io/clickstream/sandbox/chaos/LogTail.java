package io.clickstream.sandbox.chaos;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Follows a growing log file: each {@link #poll()} returns the complete lines written since the last. */
final class LogTail {
    private static final int MAX_READ = 1 << 20;

    private final Path file;
    private long position;
    private final StringBuilder partial = new StringBuilder();

    LogTail(Path file) {
        this.file = file;
    }

    /** New complete lines; a line still being written waits for its newline. Empty if the file is missing. */
    List<String> poll() {
        List<String> lines = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return lines;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < position) {
                position = 0; // truncated: start over
                partial.setLength(0);
            }
            while (position < length) {
                int n = (int) Math.min(MAX_READ, length - position);
                byte[] bytes = new byte[n];
                in.seek(position);
                in.readFully(bytes);
                position += n;
                // A UTF-8 sequence cut at a read boundary only garbles that character; logs here are ASCII.
                partial.append(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return lines;
        }
        int start = 0;
        for (int i = 0; i < partial.length(); i++) {
            if (partial.charAt(i) == '\n') {
                int end = i > start && partial.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(partial.substring(start, end));
                start = i + 1;
            }
        }
        partial.delete(0, start);
        return lines;
    }
}
