package io.clickstream.sandbox.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar that stands in for the consumer and the producer in tests of the run's process handling: its main logs
 * {@link #READY} and that it was assigned partition 0 of {@code clickstream} (so the run sees it holding partitions;
 * not with {@link #UNASSIGNED} set), then halts with 137 on SIGTERM (a self-halting consumer's shutdown flush that was its n-th upload),
 * or exits by itself after a minute.
 */
final class StandInJar {
    static final String READY = "starting consumer";
    /** With this variable set, the stand-in logs no assignment: a consumer that never gets partitions. */
    static final String UNASSIGNED = "STAND_IN_UNASSIGNED";
    /** Lines, separated by {@code |}, that the stand-in logs after its assignment, as the consumer would. */
    static final String LINES = "STAND_IN_LINES";

    private StandInJar() {
    }

    /** Writes the jar into {@code dir}. */
    static Path write(Path dir) {
        String entry = HaltOnTerm.class.getName().replace('.', '/') + ".class";
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HaltOnTerm.class.getName());
        Path jar = dir.resolve("stand-in.jar");
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file, manifest)) {
            Path classes = Path.of(HaltOnTerm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return jar;
    }

    /** The stand-in child process. */
    public static final class HaltOnTerm {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(137)));
            System.out.println(READY);
            if (System.getenv(UNASSIGNED) == null) {
                System.out.println("00:00:00.000 INFO  [main] SinkLoop - assigned [clickstream-0]");
            }
            String lines = System.getenv(LINES);
            if (lines != null) {
                for (String line : lines.split("\\|")) {
                    System.out.println(line);
                }
            }
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
