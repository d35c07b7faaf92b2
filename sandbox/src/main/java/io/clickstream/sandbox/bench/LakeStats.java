package io.clickstream.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The Parquet files one consumer round left in the lake, counted on the embedded S3's filesystem
 * store ({@code <store>/<bucket>/<prefix>/...}), where every object is a plain file.
 */
record LakeStats(long bytes, int files) {

    static LakeStats of(Path folder) {
        if (!Files.isDirectory(folder)) {
            return new LakeStats(0, 0);
        }
        long bytes = 0;
        int files = 0;
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                if (p.getFileName().toString().endsWith(".parquet")) {
                    bytes += Files.size(p);
                    files++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lake folder " + folder, e);
        }
        return new LakeStats(bytes, files);
    }

    double meanFileBytes() {
        return files == 0 ? 0 : (double) bytes / files;
    }
}
