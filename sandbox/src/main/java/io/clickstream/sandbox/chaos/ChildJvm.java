package io.clickstream.sandbox.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java <options> -jar <jar>} as a child process, stdout and stderr to one log file. Public for the bench,
 * which runs the producer jar the same way.
 */
public final class ChildJvm {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar with the parent's environment minus {@code cleared} (so that whatever the developer's
     * shell exports cannot change the run), plus {@code env}.
     */
    public static ChildJvm start(String name, Path jar, List<String> jvmOptions, Map<String, String> env,
            Collection<String> cleared, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        var builder = new ProcessBuilder(command);
        Map<String, String> childEnv = builder.environment();
        cleared.forEach(childEnv::remove);
        childEnv.putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return new ChildJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + jar + ")", e);
        }
    }

    String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only valid once the process has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux), then waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: the process shuts down in its own time. */
    void terminate() {
        process.destroy();
    }

    /**
     * Sends {@code kill -<signal>} ({@code STOP}, {@code CONT}): the JDK sends only TERM and KILL. {@code STOP} freezes
     * every thread at once, as a long GC pause or a frozen VM does; the process cannot notice or resist it.
     *
     * @throws IllegalStateException if {@code kill} fails (the process is gone, or no {@code kill} on the PATH)
     */
    void signal(String signal) {
        var builder = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process kill = builder.start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal + " to " + this, e);
        }
    }

    /** Waits up to {@code timeout}; true if the process has exited. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Waits up to {@code timeout} for a line of the log to contain {@code text}; true if one does. */
    boolean awaitLogLine(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
                Thread.sleep(50);
            } catch (IOException | UncheckedIOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The last {@code lines} lines of the log, for a report. */
    public String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
