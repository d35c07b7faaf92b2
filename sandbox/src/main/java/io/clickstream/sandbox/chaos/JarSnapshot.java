package io.clickstream.sandbox.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies of the producer and consumer jars in the run folder, deleted at the end. The run starts JVMs from
 * them for minutes, and a {@code mvn install} elsewhere in the checkout meanwhile must not swap a jar under a
 * running (or starting) process.
 */
final class JarSnapshot implements AutoCloseable {
    private final Path dir;
    private final ChaosJars copies;

    private JarSnapshot(Path dir, ChaosJars copies) {
        this.dir = dir;
        this.copies = copies;
    }

    /** Copies {@code originals} into {@code runDir/jars}. */
    static JarSnapshot take(ChaosJars originals, Path runDir) {
        Path dir = runDir.resolve("jars");
        try {
            Files.createDirectories(dir);
            Path producer = dir.resolve(originals.producer().getFileName());
            Path consumer = dir.resolve(originals.consumer().getFileName());
            Files.copy(originals.producer(), producer, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(originals.consumer(), consumer, StandardCopyOption.REPLACE_EXISTING);
            return new JarSnapshot(dir, new ChaosJars(producer, consumer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the producer and consumer jars to " + dir, e);
        }
    }

    /** The copies, to start processes from. */
    ChaosJars jars() {
        return copies;
    }

    /** Deletes the copies; safe to call twice (the shutdown hook does too). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(copies.producer());
            Files.deleteIfExists(copies.consumer());
            Files.deleteIfExists(dir.resolve(ClassDataArchive.FILE)); // made for the copy, useless without it
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover copy in the run folder is harmless
        }
    }
}
