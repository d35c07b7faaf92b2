package io.clickstream.consumer.generation;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's own folder inside {@code SPOOL_DIR}: {@code <SPOOL_DIR>/run-<random>/}.
 *
 * <p>Several instances may share {@code SPOOL_DIR} (instances of one group on one machine, started with
 * the same environment; or several apps in one JVM in tests), so none may clean up files it did not
 * write: each instance writes only into its own folder and holds a lock on {@code .lock} inside it
 * while it runs, and at start-up only folders whose lock is free are removed. A lock dies with its
 * process (also on kill -9), so what a crashed instance left behind is still cleaned up: its records
 * were never committed and will be consumed again.
 */
public final class SpoolDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpoolDirectory.class);
    private static final String PREFIX = "run-";
    private static final String LOCK_FILE = ".lock";
    /**
     * Folders of instances running in this JVM. Their lock files are never opened by another instance here:
     * closing any channel of a file may release every lock this JVM holds on it (see {@link FileLock}).
     */
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel lockChannel;

    private SpoolDirectory(Path dir, FileChannel lockChannel) {
        this.dir = dir;
        this.lockChannel = lockChannel;
    }

    /** Creates and locks a new folder for this instance, after removing folders of instances that are gone. */
    public static SpoolDirectory open(Path parent) throws IOException {
        Files.createDirectories(parent);
        Path root = parent.toRealPath(); // one spelling per folder, for OPEN_IN_THIS_JVM
        removeAbandoned(root);
        // Locked before it gets its run- name, so no other instance ever sees a run- folder it could take for abandoned.
        Path staging = Files.createTempDirectory(root, "new-");
        FileChannel channel = FileChannel.open(staging.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IOException("cannot lock " + staging.resolve(LOCK_FILE));
            }
            Path dir = root.resolve(PREFIX + staging.getFileName().toString().substring("new-".length()));
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            OPEN_IN_THIS_JVM.add(dir);
            return new SpoolDirectory(dir, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            deleteRecursively(staging);
            throw e;
        }
    }

    public Path path() {
        return dir;
    }

    /** Deletes the folder (whatever is left in it was not committed) and releases the lock. */
    @Override
    public void close() {
        try {
            deleteRecursively(dir);
        } finally {
            OPEN_IN_THIS_JVM.remove(dir);
            try {
                lockChannel.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", dir.resolve(LOCK_FILE), e.getMessage());
            }
        }
    }

    private static void removeAbandoned(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path candidate : (Iterable<Path>) entries::iterator) {
                if (!candidate.getFileName().toString().startsWith(PREFIX) || !Files.isDirectory(candidate)
                        || OPEN_IN_THIS_JVM.contains(candidate)) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(candidate.resolve(LOCK_FILE), StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock == null) {
                        continue; // its instance is running
                    }
                    log.info("removing the spool folder {} of an instance that is gone", candidate);
                    deleteRecursively(candidate);
                } catch (NoSuchFileException | OverlappingFileLockException e) {
                    // removed meanwhile by another instance's cleanup, or being removed by one in this JVM
                } catch (IOException e) {
                    log.debug("cannot check spool folder {}: {}", candidate, e.getMessage());
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.debug("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", folder, e.getMessage());
        }
    }
}
