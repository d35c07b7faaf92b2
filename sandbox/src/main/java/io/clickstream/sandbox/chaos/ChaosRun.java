package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.embedded.EmbeddedStack;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A chaos run: the embedded Kafka and S3 in this JVM, the producer and one to {@code consumersMax}
 * consumers as separate processes, and a seeded schedule ({@link ChaosPlan}) of consumer kills
 * ({@code kill -9}, some of them between an upload and its commit), restarts in place and new consumers, zombie
 * pauses (SIGSTOP past the session timeout, then SIGCONT), an S3 outage and a broker restart. Then the faults stop, the producer finishes, the consumers commit everything, stop on
 * SIGTERM, and the {@link LakeVerifier} checks that every record is in the lake exactly once (or in the
 * dead-letter topic).
 *
 * <p>This class sets the stage and wires the phases: {@link FaultPhase} plays the schedule (with
 * {@link ConsumerKills}, {@link ZombiePauses}, {@link GroupEviction} and {@link StackFaults}) while {@link ProcessWatch}
 * watches the processes and {@link GroupWatch} samples the group's offsets for the {@link RecoveryTracker}, then
 * {@link Drain} and {@link FinalStop}. Every child process is killed when the run ends,
 * however it ends (also on Ctrl-C, by a shutdown hook).
 */
public final class ChaosRun {
    public static final String TOPIC = "clickstream";
    public static final String DLQ_TOPIC = "clickstream-dlq";
    public static final String BUCKET = "clickstream-bucket";
    public static final String PREFIX = "clickstream";
    public static final String GROUP = "clickstream-chaos";

    private final ChaosOptions options;
    private final PrintStream out;
    private final Path runDir;
    private final Findings findings = new Findings();
    /** What must not outlive the run (the child processes, the jar copies), closed last-in first-out. */
    private final Deque<AutoCloseable> owned = new ArrayDeque<>(); // guarded by this
    /** Set by {@link #cleanUp()}, also from the shutdown hook: nothing may be started after it. */
    private boolean cleanedUp; // guarded by this

    private ChaosRun(ChaosOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.runDir = options.runDir().toAbsolutePath().normalize();
    }

    /** Runs the whole thing, printing each fault to {@code out} as it is injected. */
    public static ChaosResult run(ChaosOptions options, PrintStream out) {
        return new ChaosRun(options, out).execute();
    }

    private ChaosResult execute() {
        long startNanos = System.nanoTime();
        ChaosPlan plan = ChaosPlan.generate(options);
        Path lakeDir = options.lakeDir() == null ? null : options.lakeDir().toAbsolutePath().normalize();
        prepareFolders(lakeDir);
        out.println("chaos run folder " + runDir + "; starting embedded Kafka and S3"
                + (lakeDir == null ? " (S3 in memory)" : " (lake folder " + lakeDir + ")") + "...");
        Thread hook = new Thread(this::cleanUp, "chaos-kill-children");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedStack stack = EmbeddedStack.start(0, 0, lakeDir)) {
            stack.kafka().createTopic(TOPIC, options.partitions());
            stack.kafka().createTopic(DLQ_TOPIC, 1);
            stack.s3().createBucket(BUCKET);
            ChaosJars jars = own(JarSnapshot.take(options.jars(), runDir)).jars();
            long trainingStart = System.nanoTime();
            Optional<Path> classData = ClassDataArchive.train(jars.consumer(), runDir.resolve("jars"),
                    options.childJvmOptions());
            out.println(classData.isPresent()
                    ? String.format(Locale.ROOT, "consumers start with a class-data archive, as the image's do (made in "
                            + "%.1f s)", (System.nanoTime() - trainingStart) / 1e9)
                    : "consumers start without a class-data archive: making one failed (see jars/class-data-training.log)");
            try (FaultLog log = new FaultLog(out, runDir.resolve("chaos.log"), System::nanoTime)) {
                var tracker = new RecoveryTracker();
                var overwrites = new OverwriteCheck();
                // The server's own record of its writes: a committed object replaced is judged there, in the order
                // the server wrote, against the committed offsets sampled before the write.
                stack.s3().onWrite((bucket, key, replaced, written) -> {
                    if (BUCKET.equals(bucket)) {
                        long at = log.elapsedMillis();
                        int partition = OverwriteCheck.Offsets.of(replaced == null ? written : replaced).partition();
                        overwrites.written(key, replaced, written, at,
                                partition < 0 ? null : tracker.committedAnsweredBy(partition, at));
                    }
                });
                ChaosProcesses processes = own(new ChaosProcesses(options, jars, classData, runDir,
                        ChildEnvironments.consumer(stack, options), log,
                        (member, upload) -> overwrites.upload(member.toString(), upload)));
                return runPhases(plan, stack, processes, log, tracker, overwrites, startNanos);
            }
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs anyway
            }
        }
    }

    /** Faults, drain, stop, verify. */
    private ChaosResult runPhases(ChaosPlan plan, EmbeddedStack embedded, ChaosProcesses processes, FaultLog log,
            RecoveryTracker tracker, OverwriteCheck overwrites, long startNanos) {
        var offsets = new GroupOffsets(embedded.kafka().bootstrapServers(), TOPIC, GROUP);
        var stack = new StackFaults(embedded, tracker, log);
        var eviction = new GroupEviction(options, offsets, stack, log);
        var zombies = new ZombiePauses(options, processes, tracker, log);
        var restarts = new RestartQueue();
        var watch = new ProcessWatch(processes, eviction, zombies, tracker, restarts,
                new ConsumerMode.PauseAfterUpload(options.pauseAfterUpload()), log, findings);
        var kills = new ConsumerKills(processes, offsets, stack, tracker, restarts, log);
        try (var group = new GroupWatch(offsets, stack, tracker, log)) {
            Outcome outcome = new Outcome(log, processes, watch, kills, zombies, tracker, overwrites, group, startNanos);
            try {
                log.note(plan.describe() + "; wall clock at 00:00.0: " + LocalTime.now().withNano(0));
                log.note("group: " + options.describeGroup());
                group.start();
                processes.startProducer(ChildEnvironments.producer(embedded, options));
                for (ConsumerMode mode : plan.initialConsumers()) {
                    processes.startConsumer(mode, "");
                }
                new FaultPhase(options, watch, processes, kills, zombies, eviction, stack, tracker, log).run(plan);
                long faultsOver = log.elapsedMillis();
                long drained = new Drain(options, stack, processes, watch, offsets, log, findings).run();
                new FinalStop(processes, watch, log, findings).run();
                return result(outcome, verify(embedded, log), faultsOver, drained);
            } catch (RunAborted e) {
                log.note("ABORTED: " + e.getMessage());
                findings.problem("run aborted: " + e.getMessage());
                return result(outcome, null, -1, -1);
            }
        }
    }

    /** The pieces a result is read from, once the run has ended one way or the other. */
    private record Outcome(FaultLog log, ChaosProcesses processes, ProcessWatch watch, ConsumerKills kills,
            ZombiePauses zombies, RecoveryTracker tracker, OverwriteCheck overwrites, GroupWatch group, long startNanos) {
    }

    /**
     * The result; {@code faultsOver} and {@code drainSawIt} (when the drain saw everything committed) are the run's
     * clock, -1 if it did not get there.
     */
    private ChaosResult result(Outcome o, VerifierReport report, long faultsOver, long drainSawIt) {
        noteMembership(o.group());
        noteOverwrites(o.overwrites());
        writeRecoveryTable(o.tracker());
        long lastFault = o.log().lastFaultMillis();
        // The drain's own check comes only once the phase is over; the group's sampler saw it earlier if it did.
        long drained = drainSawIt < 0 || lastFault < 0 ? drainSawIt
                : Math.min(drainSawIt, o.tracker().fullyCommittedAfter(lastFault, options.events()).orElse(drainSawIt));
        Duration afterLastFault = drained < 0 || lastFault < 0 ? null : Duration.ofMillis(Math.max(0, drained - lastFault));
        Duration afterPhase = faultsOver < 0 ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, (drained < 0 ? o.log().elapsedMillis() : drained) - faultsOver));
        return new ChaosResult(options.seed(), options.duration(), options.membership(), options.describeGroup(),
                o.log().counts(), o.kills().confirmedWindowKills(), options.events(), o.watch().producerExit(),
                o.processes().consumers().started(), o.group().membersSeen(), o.group().membersWithInstanceId(),
                o.tracker().report(), o.zombies().outcomes(), o.overwrites().overwrites().size(), o.log().lastFault(), afterLastFault, afterPhase,
                Duration.ofNanos(System.nanoTime() - o.startNanos()), report, findings.problems(), findings.warnings(),
                runDir);
    }

    /** recovery.tsv in the run folder: every kill's and pause's recovery, for a closer look than the percentiles. */
    private void writeRecoveryTable(RecoveryTracker tracker) {
        try {
            java.nio.file.Files.write(runDir.resolve("recovery.tsv"), tracker.table());
        } catch (java.io.IOException e) {
            out.println("(could not write recovery.tsv: " + e.getMessage() + ")");
        }
    }

    /** A committed object overwritten fails the run, whatever the verdict: the lake must never lose a committed file. */
    private void noteOverwrites(OverwriteCheck overwrites) {
        var found = overwrites.overwrites();
        if (!found.isEmpty()) {
            findings.problem(found.size() + " committed object(s) overwritten by a later upload of the same key, e.g. "
                    + found.get(0).describe());
        }
    }

    /** Static membership asked for but not seen: the consumer ignores KAFKA_GROUP_INSTANCE_ID, and the run says so. */
    private void noteMembership(GroupWatch group) {
        if (options.membership() == Membership.STATIC && group.membersSeen() > 0 && group.membersWithInstanceId() == 0) {
            findings.warning("static membership was asked for (KAFKA_GROUP_INSTANCE_ID), but none of the "
                    + group.membersSeen() + " group members seen had an instance id: the consumer ignores the variable, "
                    + "so this run measured dynamic membership");
        }
    }

    private static VerifierReport verify(EmbeddedStack stack, FaultLog log) {
        log.note("verifying the lake against the topic (over the S3 API, with DuckDB)...");
        try (S3Client s3 = stack.s3().newClient()) {
            VerifierReport report = LakeVerifier.verify(new LakeVerifier.Target(stack.kafka().bootstrapServers(), TOPIC,
                    DLQ_TOPIC, s3, BUCKET, PREFIX, LakeVerifier.HourSource.INGESTED_AT));
            log.note("verifier: " + (report.ok() ? "PASS" : "FAIL"));
            return report;
        }
    }

    /** The run folder, and an empty lake: the embedded Kafka starts empty, so an old lake would not match it. */
    private void prepareFolders(Path lakeDir) {
        try {
            Files.createDirectories(runDir);
            if (lakeDir != null) {
                Path lakeRoot = lakeDir.resolve(BUCKET).resolve(PREFIX);
                if (Files.exists(lakeRoot)) {
                    out.println("clearing the previous lake at " + lakeRoot);
                    try (Stream<Path> paths = Files.walk(lakeRoot)) {
                        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                            Files.delete(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + runDir + (lakeDir == null ? "" : " and " + lakeDir), e);
        }
    }

    /**
     * Takes {@code resource} into the run's care, to be closed by {@link #cleanUp()}.
     *
     * @throws IllegalStateException if the run is shutting down already (the resource is closed at once)
     */
    private synchronized <T extends AutoCloseable> T own(T resource) {
        if (cleanedUp) {
            closeQuietly(resource);
            throw new IllegalStateException("the run is shutting down");
        }
        owned.push(resource);
        return resource;
    }

    /** Kills the child processes, then deletes the jar copies; at the end of the run and on Ctrl-C. */
    private synchronized void cleanUp() {
        cleanedUp = true;
        while (!owned.isEmpty()) {
            closeQuietly(owned.pop());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // cleaning up after the run: the next resource matters more than this failure
        }
    }
}
