package io.clickstream.sandbox.bench;

import io.clickstream.common.config.Setting;
import io.clickstream.consumer.ConsumerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Side B as users run it: {@code java -jar clickstream-consumer.jar} in its own JVM, configured by
 * environment only, with {@code EXIT_WHEN_IDLE} so it flushes and leaves once the topic is drained.
 * Its memory and CPU are then its own, not the embedded broker's or S3's.
 *
 * <p>While it runs, every 50 ms: {@code /proc/<pid>/status} (VmRSS, VmHWM) and its CPU time
 * ({@link ProcessHandle.Info#totalCpuDuration()}, user + system of all its threads, JIT and GC
 * included); every 100 ms the group's committed offsets. The clock stops at lag 0, and the CPU time
 * is the last sample before that, so it may miss up to 50 ms of the final commit. Peak heap comes
 * from its {@code -Xlog:gc} file ({@link GcLog}).
 */
final class ChildConsumer {
    private static final Pattern UPLOADED = Pattern.compile("uploaded s3://\\S+ .*rows=(\\d+) bytes=(\\d+)");
    private static final Pattern PROGRESS = Pattern.compile("- progress: consumed=(\\d+) \\(");
    private static final Duration SAMPLE = Duration.ofMillis(50);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(60);

    private ChildConsumer() {
    }

    /** The events consumed that a progress line of the consumer gives; empty for any other line. */
    static OptionalLong consumedIn(String line) {
        Matcher p = PROGRESS.matcher(line);
        if (!p.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(p.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // not a count; thrown, it would end the thread that drains the consumer's output
        }
    }

    /**
     * How to start it: which {@code java} ({@code null}: this JVM's), the consumer's fat jar, extra JVM options, where
     * to put its log files.
     */
    record Launch(Path java, Path jar, List<String> jvmOptions, Path workDir, Duration timeout) {
        Launch {
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** The {@code java} executable that starts the consumer. */
        String javaCommand() {
            return (java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java")).toString();
        }
    }

    static ConsumerRound run(Launch launch, Map<String, String> env, TopicOffsets offsets, String group, int round,
            Duration idleWait, Path lakeFolder, long jsonBytes, Path jfrFileOrNull) throws InterruptedException {
        MachineLoad load = MachineLoad.now();
        Path log = launch.workDir().resolve("consumer-round" + round + ".log");
        Path gcLog = launch.workDir().resolve("consumer-round" + round + "-gc.log");
        List<String> command = new ArrayList<>();
        command.add(launch.javaCommand());
        command.addAll(launch.jvmOptions());
        command.add(GcLog.option(gcLog));
        if (jfrFileOrNull != null) {
            // Without debug information at non-safepoints, samples of inlined code are charged to the nearest
            // safepoint, often in another method: the hottest frames came out as other methods' (measured on
            // the bench, two runs of the same jar: ArraysSupport.mismatch 8.6 % of samples without, 0.5 % with).
            command.add("-XX:+UnlockDiagnosticVMOptions");
            command.add("-XX:+DebugNonSafepoints");
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfrFileOrNull);
        }
        command.add("-jar");
        command.add(launch.jar().toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only our settings: a KAFKA_BROKER or AWS_* of the caller's shell must not leak into the run.
        for (Setting setting : ConsumerConfig.SETTINGS) {
            builder.environment().remove(setting.env());
        }
        builder.environment().putAll(env);

        long launched = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        var output = new OutputWatcher(process, log);
        output.start();
        try {
            var sampler = new ProcSampler(process.pid());
            List<WarmWindow.Cpu> cpu = new ArrayList<>();
            long deadline = launched + launch.timeout().toNanos();
            long lagEnd;
            for (int tick = 0; ; tick++) {
                ProcStatus now = ProcStatus.of(process.pid());
                sampler.add(now);
                if (now.alive()) {
                    cpu.add(new WarmWindow.Cpu(System.nanoTime(), now.cpu().toNanos()));
                }
                if (tick % 2 == 0 || !process.isAlive()) {
                    if (offsets.lag(group) <= 0) {
                        lagEnd = System.nanoTime();
                        break;
                    }
                    if (!process.isAlive()) {
                        output.join(5_000);
                        throw new IllegalStateException(exitedEarly(process.exitValue(), output.assignedAt.get() >= 0,
                                output.idleAt.get() >= 0, output.lines.get(), launch.javaCommand(), log));
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the consumer did not commit everything within " + launch.timeout()
                            + "; log " + log + ":\n" + tail(log, 30));
                }
                Thread.sleep(SAMPLE.toMillis());
            }
            int exitCode = awaitExit(process);
            output.join(5_000);
            GcLog gc = GcLog.parse(gcLog);
            LakeStats lake = LakeStats.of(lakeFolder);
            Duration wall = Duration.ofNanos(lagEnd - launched);
            Duration startup = output.assignedAt.get() < 0 ? Duration.ofMillis(-1)
                    : Duration.ofNanos(output.assignedAt.get() - launched);
            IdleSplit idle = IdleSplit.of(lagEnd, output.idleAt.get(), idleWait);
            return new ConsumerRound(round, "process", output.rows.get(), jsonBytes, wall, idle.counted(), startup, idle.tail(),
                    sampler.last().cpu(), "the consumer JVM's CPU time (all threads, JIT and GC included), from launch",
                    gc.peakUsedBytes(), gc.peakCommittedBytes(), sampler.peakRssBytes(), gc.allocatedBytes(),
                    "the consumer JVM alone: heap from its GC log, RSS from /proc/<pid>/status VmHWM",
                    lake.bytes(), lake.files(), exitCode, load, jfrFileOrNull == null ? null : jfrFileOrNull.toString(),
                    WarmWindow.of(output.progress(), cpu, offsets.total()), output.archiveRefused.get());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Why a round failed when the consumer exited before the group had committed everything. The EXIT_WHEN_IDLE hint
     * only when the consumer said it was leaving idle: a {@code --consumer-java} that is no java (or too old a one for
     * the jar) also exits unassigned, and raising --exit-when-idle would not help it.
     */
    static String exitedEarly(int exitCode, boolean assigned, boolean idleExit, long lines, String java, Path log) {
        String hint = "";
        if (lines == 0) {
            hint = " (it printed nothing: is " + java + " a java that runs the jar?)";
        } else if (!assigned && idleExit) {
            hint = " (it was never assigned a partition: EXIT_WHEN_IDLE counts from its subscribe, so on a busy"
                    + " machine it can fire during the group join; raise --exit-when-idle)";
        }
        return "the consumer exited with " + exitCode + " before committing everything" + hint + "; log " + log + ":\n"
                + tail(log, 30);
    }

    /**
     * Whether a line of the consumer's output is its JVM refusing the class-data archive or AOT cache it was given, as
     * Java 17 ({@code [warning][cds,dynamic] Unable to use shared archive...}) and Java 25 ({@code [error][aot] Unable
     * to map shared spaces}, after the reason) say it. The JVM then starts without it, so the round's start-up is not
     * one with the archive: a cache made for another copy of the jar, or with other options (a JFR recording,
     * {@code --enable-native-access} on one side only), is refused that way.
     */
    static boolean refusesArchive(String line) {
        return (line.contains("][cds") || line.contains("][aot")) && line.contains("Unable to");
    }

    private static int awaitExit(Process process) throws InterruptedException {
        if (process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroy(); // SIGTERM: it flushes, commits (nothing left) and exits
        if (process.waitFor(30, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly();
        return process.waitFor();
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Copies the consumer's output to its log file and notes, by the lines it logs, when its
     * partitions were assigned, when the idle exit began, the rows of every uploaded file, and the events
     * consumed at each progress line.
     */
    private static final class OutputWatcher extends Thread {
        private final Process process;
        private final Path log;
        final AtomicLong assignedAt = new AtomicLong(-1);
        final AtomicLong idleAt = new AtomicLong(-1);
        final AtomicLong rows = new AtomicLong();
        final AtomicLong lines = new AtomicLong();
        final AtomicBoolean archiveRefused = new AtomicBoolean();
        private final List<WarmWindow.Progress> progress = new ArrayList<>();

        OutputWatcher(Process process, Path log) {
            super("bench-child-output");
            setDaemon(true);
            this.process = process;
            this.log = log;
        }

        List<WarmWindow.Progress> progress() {
            synchronized (progress) {
                return List.copyOf(progress);
            }
        }

        @Override
        public void run() {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    long now = System.nanoTime();
                    lines.incrementAndGet();
                    out.write(line);
                    out.write('\n');
                    out.flush(); // a few dozen lines a run: keep the file current for whoever tails it
                    if (refusesArchive(line)) {
                        archiveRefused.set(true);
                    }
                    if (assignedAt.get() < 0 && line.contains("- assigned [")) {
                        assignedAt.set(now);
                    } else if (idleAt.get() < 0 && line.contains("(EXIT_WHEN_IDLE)")) {
                        idleAt.set(now);
                    }
                    Matcher m = UPLOADED.matcher(line);
                    if (m.find()) {
                        rows.addAndGet(Long.parseLong(m.group(1)));
                    }
                    OptionalLong consumed = consumedIn(line);
                    if (consumed.isPresent()) {
                        synchronized (progress) {
                            progress.add(new WarmWindow.Progress(now, consumed.getAsLong()));
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read is what there is
            }
        }
    }
}
