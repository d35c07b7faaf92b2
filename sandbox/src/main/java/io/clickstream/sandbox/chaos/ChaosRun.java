package io.clickstream.sandbox.chaos;

import io.clickstream.producer.ProducerConfig;
import io.clickstream.sandbox.chaos.ChaosPlan.Action;
import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import io.clickstream.sandbox.chaos.GroupOffsets.OffsetsUnavailableException;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A chaos run: the embedded Kafka and S3 in this JVM, the producer and one to {@code consumersMax}
 * consumers as separate processes, and a seeded schedule ({@link ChaosPlan}) of consumer kills
 * ({@code kill -9}, some of them between an upload and its commit), consumer starts, an S3 outage and a
 * broker restart. Then the faults stop, the producer finishes, the consumers commit everything, stop on
 * SIGTERM, and the {@link LakeVerifier} checks that every record is in the lake exactly once (or in the
 * dead-letter topic).
 *
 * <p>Every child process is killed when the run ends, however it ends (also on Ctrl-C, by a shutdown hook).
 */
public final class ChaosRun {
    public static final String TOPIC = "clickstream";
    public static final String DLQ_TOPIC = "clickstream-dlq";
    public static final String BUCKET = "clickstream-bucket";
    public static final String PREFIX = "clickstream";
    public static final String GROUP = "clickstream-chaos";

    private static final long TICK_MILLIS = 50;
    /** How long an aimed kill waits for a consumer to log an upload before it kills plainly. */
    private static final Duration AIMED_KILL_WAIT_MAX = Duration.ofSeconds(8);
    /** How long a plain kill waits for a consumer that has joined the group before it kills any. */
    private static final Duration PLAIN_KILL_WAIT_MAX = Duration.ofSeconds(3);
    /** SIGTERM to exit: the consumers' SHUTDOWN_TIMEOUT plus time to close the clients. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
    private static final long PROGRESS_EVERY_MILLIS = 10_000;
    /** Consumers that die by themselves this often are crash-looping (a broken jar, a bad setting): give up. */
    private static final int MAX_UNEXPECTED_EXITS = 5;

    private final ChaosOptions options;
    private final PrintStream out;
    private final Path runDir;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private FaultLog log;
    private EmbeddedStack stack;
    private GroupOffsets offsets;
    private volatile ConsumerPool pool;
    private volatile ChildJvm producer;
    /** Set by {@link #destroyChildren()}, also from the shutdown hook: no process may be started after it. */
    private boolean childrenDestroyed; // guarded by this
    private boolean brokerUp = true;
    /** A kill happened while the broker was down: evict as soon as it is back. */
    private boolean evictionPending;
    private long lastEvictionAttemptNanos;
    /** The consumers are being stopped: no more replacements. */
    private boolean stopping;
    private int confirmedWindowKills;
    private Integer producerExit; // null while the producer runs
    private int unexpectedExits;
    private ChaosJars jars;

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
        Thread hook = new Thread(() -> {
            destroyChildren();
            deleteJarSnapshot();
        }, "chaos-kill-children");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedStack embedded = EmbeddedStack.start(0, 0, lakeDir)) {
            stack = embedded;
            stack.kafka().createTopic(TOPIC, options.partitions());
            stack.kafka().createTopic(DLQ_TOPIC, 1);
            stack.s3().createBucket(BUCKET);
            offsets = new GroupOffsets(stack.kafka().bootstrapServers(), TOPIC, GROUP);
            jars = snapshotJars();
            pool = new ConsumerPool(jars.consumer(), options.childJvmOptions(), consumerEnvironment(), runDir);
            try (FaultLog faults = new FaultLog(out, runDir.resolve("chaos.log"), System::nanoTime)) {
                log = faults;
                try {
                    return runPhases(plan, startNanos);
                } catch (Aborted e) {
                    log.note("ABORTED: " + e.getMessage());
                    problems.add("run aborted: " + e.getMessage());
                    return result(null, Duration.ZERO, startNanos);
                }
            }
        } finally {
            destroyChildren();
            deleteJarSnapshot();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs anyway
            }
        }
    }

    /** Faults, drain, stop, verify. */
    private ChaosResult runPhases(ChaosPlan plan, long startNanos) {
        log.note(plan.describe() + "; wall clock at 00:00.0: " + LocalTime.now().withNano(0));
        startProducer();
        for (ConsumerMode mode : plan.initialConsumers()) {
            startConsumer(mode, "");
        }
        // A kill may wait for a worthwhile target; the rest of the schedule moves with it, within a bound.
        long late = 0;
        long maxLate = options.duration().toMillis() / 4;
        for (ChaosPlan.Step step : plan.steps()) {
            waitUntil(step.at().toMillis() + late);
            late += perform(step.action(), maxLate - late);
        }
        waitUntil(options.duration().toMillis() + late);
        long faultsOver = log.elapsedMillis();
        drain();
        Duration drain = Duration.ofMillis(log.elapsedMillis() - faultsOver);
        stopConsumers();
        return result(verify(), drain, startNanos);
    }

    private ChaosResult result(VerifierReport report, Duration drain, long startNanos) {
        return new ChaosResult(options.seed(), options.duration(), log.counts(), confirmedWindowKills, options.events(),
                producerExit == null ? -1 : producerExit, pool.started(), drain,
                Duration.ofNanos(System.nanoTime() - startNanos), report, problems, warnings, runDir);
    }

    // ---- the fault phase ----

    /** Performs a step; returns how long it waited for a target (kills only). */
    private long perform(Action action, long maxWaitMillis) {
        if (action instanceof ChaosPlan.KillConsumer kill) {
            if (kill.afterUpload() && log.counts().get(FaultKind.KILL_AFTER_UPLOAD) == 0) {
                // No kill has hit the window yet: this one may take longer than the schedule allows.
                return kill(kill, 2 * AIMED_KILL_WAIT_MAX.toMillis());
            }
            long wait = (kill.afterUpload() ? AIMED_KILL_WAIT_MAX : PLAIN_KILL_WAIT_MAX).toMillis();
            return kill(kill, Math.max(0, Math.min(maxWaitMillis, wait)));
        } else if (action instanceof ChaosPlan.StartConsumer start) {
            int alive = pool.alive().size();
            if (alive < options.consumersMax()) {
                startConsumer(start.mode(), "");
            } else {
                log.note("(no start: " + alive + " consumers alive, the most allowed)");
            }
        } else if (action instanceof ChaosPlan.EvictGroup) {
            evictDeadMembers();
        } else if (action instanceof ChaosPlan.FailS3) {
            stack.s3().failRequests(503);
            log.fault(FaultKind.S3_ERRORS, "S3 outage: every request answered with 503 SlowDown");
        } else if (action instanceof ChaosPlan.StopS3) {
            stack.s3().healRequests();
            stack.s3().stop();
            log.fault(FaultKind.S3_STOPPED, "S3 outage: server stopped, connections refused");
        } else if (action instanceof ChaosPlan.StartS3) {
            stack.s3().start();
            log.note("S3 is back");
        } else if (action instanceof ChaosPlan.StopBroker) {
            log.fault(FaultKind.BROKER_RESTART, "broker restart: stopping the Kafka broker");
            brokerUp = false;
            stack.kafka().stop();
            log.note("broker stopped");
        } else if (action instanceof ChaosPlan.StartBroker) {
            stack.kafka().start();
            brokerUp = true;
            log.note("broker started again on " + stack.kafka().bootstrapServers());
        } else {
            throw new IllegalStateException("unknown action " + action);
        }
        return 0;
    }

    /**
     * Kills a consumer that is doing something: one that has joined the group or, for an aimed kill, one with an
     * upload-commit pause that has just logged an upload (killed inside that pause). Waits for such a target up
     * to {@code maxWaitMillis}, then kills whichever consumer is there. Returns how long it waited.
     */
    private long kill(ChaosPlan.KillConsumer kill, long maxWaitMillis) {
        long since = System.nanoTime();
        List<Member> alive = pool.alive();
        if (alive.isEmpty()) {
            startConsumer(kill.replacement(), " (no consumer alive to kill)");
            return 0;
        }
        if (alive.size() == 1) {
            startConsumer(kill.replacement(), " (so that one runs while " + alive.get(0).jvm.name() + " dies)");
        }
        long deadline = since + maxWaitMillis * 1_000_000;
        while (true) {
            pool.follow();
            List<Member> candidates = alive.stream().filter(m -> m.jvm.isAlive()).toList();
            if (candidates.isEmpty()) {
                log.note("(no kill: the chosen consumers exited by themselves)");
                return waitedMillis(since);
            }
            List<Member> pausing = candidates.stream()
                    .filter(m -> m.mode instanceof ConsumerMode.PauseAfterUpload).toList();
            List<Member> joined = candidates.stream().filter(Member::joined).toList();
            if (kill.afterUpload() && !pausing.isEmpty()) {
                Member uploaded = pausing.stream().filter(m -> m.uploadedSince(since)).findFirst().orElse(null);
                if (uploaded != null) {
                    killInsideUploadCommitWindow(uploaded);
                    return waitedMillis(since);
                }
            } else if (!joined.isEmpty()) {
                // Spare the consumers with an upload-commit pause where there is a choice: they are the targets
                // of the aimed kills, and a fresh one takes many seconds to get that far.
                List<Member> plain = joined.stream()
                        .filter(m -> !(m.mode instanceof ConsumerMode.PauseAfterUpload)).toList();
                killPlainly(pick(plain.isEmpty() ? joined : plain, kill.pick()), since, "");
                return waitedMillis(since);
            }
            if (System.nanoTime() - deadline >= 0) {
                List<Member> targets = !joined.isEmpty() ? joined : candidates;
                killPlainly(pick(targets, kill.pick()), since, kill.afterUpload() && !pausing.isEmpty()
                        ? String.format(Locale.ROOT, " (no upload to aim at within %.1f s)", maxWaitMillis / 1000.0) : "");
                return waitedMillis(since);
            }
            sleep(20);
        }
    }

    private void killPlainly(Member victim, long sinceNanos, String why) {
        boolean joined = victim.joined();
        pool.kill(victim);
        long waited = waitedMillis(sinceNanos);
        log.fault(FaultKind.KILL, "kill -9 " + victim + " [" + victim.mode + "]"
                + (joined ? "" : " before it had joined the group") + why
                + (waited >= 1000 ? String.format(Locale.ROOT, " (waited %.1f s for a target)", waited / 1000.0) : ""));
    }

    /** Kills a consumer that has just logged an upload and sleeps before its commit; asks Kafka whether it was in time. */
    private void killInsideUploadCommitWindow(Member victim) {
        UploadLine upload = victim.lastUpload();
        long afterMillis = (System.nanoTime() - victim.lastUploadNanos()) / 1_000_000;
        pool.kill(victim);
        String where = String.format(Locale.ROOT, "kill -9 %s %d ms after it uploaded partition %d offsets %d..%d",
                victim, afterMillis, upload.partition(), upload.firstOffset(), upload.lastOffset());
        if (!brokerUp) {
            log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (not confirmed: the broker is down)");
        } else {
            try {
                Long committed = offsets.committed().get(upload.partition());
                if (committed != null && committed > upload.lastOffset()) {
                    log.fault(FaultKind.KILL, where + ", but after its commit (partition committed at " + committed + ")");
                } else {
                    confirmedWindowKills++;
                    log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (partition committed at "
                            + (committed == null ? "nothing yet" : committed) + ")");
                }
            } catch (OffsetsUnavailableException e) {
                log.fault(FaultKind.KILL_AFTER_UPLOAD, where + ", before its commit (not confirmed: " + e.getMessage() + ")");
            }
        }
    }

    private static long waitedMillis(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    /**
     * A member killed with -9 keeps its partitions until its session times out: 45 s, the client default, which
     * the consumer offers no setting for. Meanwhile every rebalance (a replacement joining) waits for it, and the
     * live members cannot commit. Kills every few seconds would keep the group in one long rebalance and no
     * consumer would get to upload anything worth killing. So after each wave, like an operator who knows the
     * processes are gone, remove the group's members: the live ones join again within seconds, having lost
     * their uncommitted work (one more replay the lake must survive).
     */
    private void evictDeadMembers() {
        if (!options.evictAfterKill()) {
            return;
        }
        if (!brokerUp) {
            evictionPending = true;
            return;
        }
        lastEvictionAttemptNanos = System.nanoTime();
        try {
            int removed = offsets.evictAll();
            evictionPending = false;
            if (removed > 0) {
                log.fault(FaultKind.GROUP_EVICTION, "evict the group's " + removed
                        + " member(s), so the dead ones' partitions move now rather than after their 45 s session timeout");
            }
        } catch (OffsetsUnavailableException e) {
            evictionPending = true;
            log.note("(eviction failed, will retry: " + e.getMessage() + ")");
        }
    }

    private static Member pick(List<Member> candidates, double pick) {
        return candidates.get(Math.min(candidates.size() - 1, (int) (pick * candidates.size())));
    }

    private Member startConsumer(ConsumerMode mode, String why) {
        Member member = pool.start(mode);
        log.fault(FaultKind.CONSUMER_START, "start " + member + " [" + mode + "]" + why);
        return member;
    }

    private void startProducer() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", stack.kafka().bootstrapServers());
        env.put("KAFKA_TOPIC", TOPIC);
        env.put("PRODUCER_EVENTS", Long.toString(options.events()));
        env.put("PRODUCER_RATE", Integer.toString(options.rate()));
        env.put("PRODUCER_SEED", Long.toString(options.seed()));
        env.put("PRODUCER_INVALID_RATIO", Double.toString(options.invalidRatio()));
        env.put("PRODUCER_PROGRESS_INTERVAL", "10s");
        List<String> cleared = ProducerConfig.SETTINGS.stream().map(s -> s.env()).toList();
        synchronized (this) {
            if (childrenDestroyed) {
                throw new IllegalStateException("the run is shutting down");
            }
            producer = ChildJvm.start("producer", jars.producer(), options.childJvmOptions(), env, cleared,
                    runDir.resolve("producer.log"));
        }
        log.note(String.format(Locale.ROOT, "start producer (pid %d): %d events at %d/s, %.1f %% invalid",
                producer.pid(), options.events(), options.rate(), options.invalidRatio() * 100));
    }

    /** Waits until {@code millis} into the run, watching the processes meanwhile. */
    private void waitUntil(long millis) {
        while (log.elapsedMillis() < millis) {
            watch();
            sleep(Math.min(TICK_MILLIS, Math.max(1, millis - log.elapsedMillis())));
        }
        watch();
    }

    /** Follows the consumers' logs, notices processes that ended by themselves, keeps one consumer alive. */
    private void watch() {
        pool.follow();
        for (ConsumerPool.Exit exit : pool.reap()) {
            Member m = exit.member();
            if (exit.code() == 137 && m.mode instanceof ConsumerMode.HaltAfterUpload) {
                log.fault(FaultKind.SELF_HALT_AFTER_UPLOAD, m + " halted itself between an upload and its commit ["
                        + m.mode + "], exit 137");
                evictDeadMembers();
            } else if (exit.code() == 137 && m.mode instanceof ConsumerMode.HaltDuringUpload) {
                log.fault(FaultKind.SELF_HALT_DURING_UPLOAD, m + " halted itself halfway through an upload [" + m.mode
                        + "], exit 137");
                evictDeadMembers();
            } else if (m.isTerminated() && (exit.code() == 0 || exit.code() == 143)) {
                // 143: the signal came before the JVM had installed its shutdown hook.
                log.note(m + " stopped after SIGTERM, exit " + exit.code());
            } else {
                String problem = m.jvm.name() + " exited with code " + exit.code() + " on its own [" + m.mode + "]; "
                        + "log " + m.jvm.log() + ", last lines:\n" + m.jvm.tail(15);
                problems.add(problem);
                log.note("UNEXPECTED: " + m + " exited with code " + exit.code() + " (see " + m.jvm.log() + ")");
                if (++unexpectedExits >= MAX_UNEXPECTED_EXITS) {
                    throw new Aborted(unexpectedExits + " consumers exited by themselves; the last one, " + m.jvm.name()
                            + ", with code " + exit.code() + " (see " + m.jvm.log() + ")");
                }
            }
        }
        if (producerExit == null && !producer.isAlive()) {
            producerExit = producer.exitValue();
            if (producerExit == 0) {
                log.note("producer finished: exit 0, every event acknowledged");
            } else {
                problems.add("the producer exited with code " + producerExit + "; log " + producer.log()
                        + ", last lines:\n" + producer.tail(15));
                log.note("UNEXPECTED: the producer exited with code " + producerExit + " (see " + producer.log() + ")");
            }
        }
        if (evictionPending && brokerUp && System.nanoTime() - lastEvictionAttemptNanos > 2_000_000_000L) {
            evictDeadMembers();
        }
        if (!stopping && pool.alive().isEmpty()) {
            startConsumer(new ConsumerMode.Clean(), " (none was alive)");
        }
    }

    // ---- the drain ----

    /** Faults off; waits for the producer, then until the group has committed the end of every partition. */
    private void drain() {
        stack.s3().healRequests();
        stack.s3().start();
        if (!brokerUp) {
            stack.kafka().start();
            brokerUp = true;
        }
        log.note("faults over, S3 and broker up: waiting for the producer, then for the group to commit everything");
        for (Member m : pool.alive()) {
            if (m.mode.selfHalting()) {
                // Its self-halt is a fault too, and the faults are over.
                pool.terminate(m);
                log.note("SIGTERM " + m + " [" + m.mode + "]: no self-halts after the faults");
            }
        }
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (producerExit == null && System.nanoTime() < deadline) {
            watch();
            ensureCleanConsumer();
            sleep(TICK_MILLIS * 4);
        }
        if (producerExit == null) {
            problems.add("the producer had not finished " + options.drainTimeout().toSeconds() + " s after the faults");
            producer.kill();
            producerExit = -1;
        }
        long lastProgress = System.nanoTime();
        long lag = -1;
        while (true) {
            watch();
            ensureCleanConsumer();
            try {
                lag = offsets.lag();
            } catch (OffsetsUnavailableException e) {
                lag = -1;
            }
            if (lag == 0) {
                log.note("the group has committed every record (lag 0)");
                return;
            }
            if (System.nanoTime() > deadline) {
                problems.add("the group still had " + (lag < 0 ? "an unknown number of" : Long.toString(lag))
                        + " records uncommitted " + options.drainTimeout().toSeconds() + " s after the faults");
                log.note("UNEXPECTED: drain timed out (lag " + lag + ")");
                return;
            }
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY_MILLIS * 1_000_000) {
                log.note("draining: " + (lag < 0 ? "(offsets unavailable)" : lag + " records not yet committed") + ", "
                        + pool.alive().size() + " consumer(s) alive");
                lastProgress = System.nanoTime();
            }
            for (int i = 0; i < 10; i++) {
                sleep(TICK_MILLIS);
                pool.follow();
            }
        }
    }

    /** A consumer without fault hooks, so that the drain never depends on one that stalls on purpose. */
    private void ensureCleanConsumer() {
        boolean clean = pool.alive().stream().anyMatch(m -> m.mode instanceof ConsumerMode.Clean && !m.isTerminated());
        if (!clean) {
            startConsumer(new ConsumerMode.Clean(), " for the drain");
        }
    }

    private void stopConsumers() {
        stopping = true;
        // A consumer started moments ago (for the drain) may not have installed its SIGTERM handler yet; the JVM
        // would then exit 143 at once. That is a race in this driver, not a consumer that failed to drain.
        for (Member m : pool.alive()) {
            m.jvm.awaitLogLine("starting consumer", Duration.ofSeconds(20));
        }
        Map<Member, Integer> codes = pool.terminateAll(STOP_TIMEOUT);
        watch(); // reports those SIGTERMed during the drain
        List<String> summary = new ArrayList<>();
        codes.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().jvm.name())).forEach(e -> {
            Member m = e.getKey();
            summary.add(m.jvm.name() + " exit " + e.getValue());
            boolean selfHalt = e.getValue() == 137 && m.mode.selfHalting();
            if (e.getValue() == 143 && m.jvm.tail(5).contains("everything committed")) {
                // ConsumerMain: run() opens the shutdown hook's latch before main() halts with run()'s code, so
                // the JVM can finish its SIGTERM exit (143) first. The drain itself completed: a consumer bug, not
                // a lake problem.
                warnings.add(m.jvm.name() + " exited 143 after SIGTERM although it logged 'everything committed' "
                        + "(ConsumerMain's shutdown race: the hook returns once run() counts its latch down, and the "
                        + "JVM's SIGTERM exit can win against main()'s halt(0))");
            } else if (e.getValue() != 0 && !selfHalt) {
                problems.add(m.jvm.name() + " exited with code " + e.getValue() + " after SIGTERM ("
                        + (e.getValue() == -1 ? "killed after " + STOP_TIMEOUT.toSeconds() + " s" : "not drained cleanly")
                        + "); log " + m.jvm.log() + ", last lines:\n" + m.jvm.tail(15));
            }
        });
        log.note("SIGTERM to the consumers: " + (summary.isEmpty() ? "none alive" : String.join(", ", summary)));
    }

    private VerifierReport verify() {
        log.note("verifying the lake against the topic (over the S3 API, with DuckDB)...");
        try (S3Client s3 = stack.s3().newClient()) {
            VerifierReport report = LakeVerifier.verify(new LakeVerifier.Target(stack.kafka().bootstrapServers(), TOPIC,
                    DLQ_TOPIC, s3, BUCKET, PREFIX, LakeVerifier.HourSource.INGESTED_AT));
            log.note("verifier: " + (report.ok() ? "PASS" : "FAIL"));
            return report;
        }
    }

    // ---- plumbing ----

    private Map<String, String> consumerEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", stack.kafka().bootstrapServers());
        env.put("KAFKA_TOPIC", TOPIC);
        env.put("KAFKA_GROUP_ID", GROUP);
        env.put("DLQ_TOPIC", DLQ_TOPIC);
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_PREFIX", PREFIX);
        env.put("AWS_ENDPOINT_URL", stack.s3().endpoint().toString());
        env.put("AWS_DEFAULT_REGION", stack.s3().region());
        env.put("AWS_ACCESS_KEY_ID", stack.s3().accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", stack.s3().secretKey());
        env.putAll(options.consumerSettings());
        return env;
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
     * Copies the jars into the run folder: the run starts JVMs from them for minutes, and a {@code mvn install}
     * elsewhere in the checkout meanwhile must not swap a jar under a running (or starting) process.
     */
    private ChaosJars snapshotJars() {
        Path dir = runDir.resolve("jars");
        try {
            Files.createDirectories(dir);
            Path producerJar = dir.resolve(options.jars().producer().getFileName());
            Path consumerJar = dir.resolve(options.jars().consumer().getFileName());
            Files.copy(options.jars().producer(), producerJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(options.jars().consumer(), consumerJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new ChaosJars(producerJar, consumerJar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the producer and consumer jars to " + dir, e);
        }
    }

    private void deleteJarSnapshot() {
        ChaosJars copies = jars;
        if (copies == null) {
            return;
        }
        try {
            Files.deleteIfExists(copies.producer());
            Files.deleteIfExists(copies.consumer());
            Files.deleteIfExists(runDir.resolve("jars"));
        } catch (IOException e) {
            // a leftover copy in the run folder is harmless
        }
    }

    /** The run cannot go on (consumers crash-looping): no drain, no verification. */
    private static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted(String message) {
            super(message, null, false, false);
        }
    }

    private synchronized void destroyChildren() {
        childrenDestroyed = true;
        ConsumerPool consumers = pool;
        if (consumers != null) {
            consumers.close();
        }
        ChildJvm p = producer;
        if (p != null && p.isAlive()) {
            p.kill();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("chaos run interrupted", e);
        }
    }
}
