package io.clickstream.sandbox.chaos;

import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.delivery.FaultHooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The consumer processes of a chaos run: starts them, each in a slot ({@link ConsumerSlots}: a new one, or the slot
 * of a consumer that died, as a container restart would) with the slot's spool folder and, with static
 * membership, the slot as its {@code KAFKA_GROUP_INSTANCE_ID}; follows their logs for upload and rebalance lines
 * (so it knows which partitions each holds); kills, pauses and resumes them; notices the ones that exit by
 * themselves, and stops the rest. Used from one thread.
 */
final class ConsumerPool implements AutoCloseable {
    /** The consumer's static membership and group protocol variables (issue 13), once ConsumerConfig knows them too. */
    static final String INSTANCE_ID_ENV = "KAFKA_GROUP_INSTANCE_ID";
    static final String GROUP_PROTOCOL_ENV = "KAFKA_GROUP_PROTOCOL";

    /** Every consumer variable, and the fault hook: none may leak in from the caller's environment. */
    private static final List<String> CLEARED = Stream.of(ConsumerConfig.SETTINGS.stream().map(s -> s.env()),
            Stream.of(FaultHooks.ENV, INSTANCE_ID_ENV, GROUP_PROTOCOL_ENV)).flatMap(s -> s).distinct().toList();

    /** One consumer process and what its log has told so far. */
    static final class Member {
        final ChildJvm jvm;
        final ConsumerMode mode;
        /** Its slot, {@code chaos-N}: with static membership, its instance id. */
        final String slot;
        /** Started in the slot of a consumer that died, rather than in a new one. */
        final boolean restartedInPlace;
        private final LogTail tail;
        private final Set<Integer> held = new TreeSet<>();
        private volatile UploadLine lastUpload;
        private volatile long lastUploadNanos = Long.MIN_VALUE;
        private volatile ConsumerMode.PauseAfterUpload.Announced lastPause;
        private volatile long lastPauseNanos = Long.MIN_VALUE;
        private volatile boolean joined;
        private volatile boolean killed;
        private volatile boolean terminated;
        private volatile boolean reaped;
        private volatile boolean paused;
        private volatile boolean wasPaused;

        private Member(ChildJvm jvm, ConsumerMode mode, String slot, boolean restartedInPlace) {
            this.jvm = jvm;
            this.mode = mode;
            this.slot = slot;
            this.restartedInPlace = restartedInPlace;
            this.tail = new LogTail(jvm.log());
        }

        /** The last upload line seen, and when (System.nanoTime), or null. */
        UploadLine lastUpload() {
            return lastUpload;
        }

        long lastUploadNanos() {
            return lastUploadNanos;
        }

        /** The generation of the last pause announced (see {@link #pausingSince}), and when it was seen, or null. */
        ConsumerMode.PauseAfterUpload.Announced lastPause() {
            return lastPause;
        }

        long lastPauseNanos() {
            return lastPauseNanos;
        }

        /** Has logged an assignment: it is in the group and owns (or owned) partitions. */
        boolean joined() {
            return joined;
        }

        /** The source topic's partitions it holds, as far as its rebalance lines tell. */
        synchronized Set<Integer> held() {
            return Set.copyOf(held);
        }

        /** Killed by the run (kill -9). */
        boolean wasKilled() {
            return killed;
        }

        /** Sent SIGTERM by the run. */
        boolean isTerminated() {
            return terminated;
        }

        /** Stopped with SIGSTOP and not resumed yet. */
        boolean isPaused() {
            return paused;
        }

        /** Was paused past its session timeout at some point: a zombie, whatever it does afterwards. */
        boolean wasPaused() {
            return wasPaused;
        }

        boolean uploadedSince(long nanos) {
            return lastUpload != null && lastUploadNanos - nanos >= 0;
        }

        /** Has logged, since then, that it pauses between an upload and its commit (its hook's window is open). */
        boolean pausingSince(long nanos) {
            return lastPause != null && lastPauseNanos - nanos >= 0;
        }

        private synchronized void apply(AssignmentLine line) {
            line.applyTo(held);
        }

        private synchronized void forgetPartitions() {
            held.clear();
        }

        @Override
        public String toString() {
            return jvm.name() + " (" + slot + ", pid " + jvm.pid() + ")";
        }
    }

    /** A consumer that exited without being killed or stopped by the run. */
    record Exit(Member member, int code) {
    }

    private final Path jar;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final Membership membership;
    private final String topic;
    private final Path runDir;
    private final ConsumerSlots slots = new ConsumerSlots();
    private final BiConsumer<Member, UploadLine> onUpload;
    /** Copy-on-write: {@link #close()} may run on a shutdown hook while the run's thread starts one. */
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private boolean closed; // guarded by this

    /** {@code onUpload} hears every upload line, in the order each consumer logged them. */
    ConsumerPool(Path jar, List<String> jvmOptions, Map<String, String> env, Membership membership, String topic,
            Path runDir, BiConsumer<Member, UploadLine> onUpload) {
        this.onUpload = onUpload;
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.env = Map.copyOf(env);
        this.membership = membership;
        this.topic = topic;
        this.runDir = runDir;
    }

    /**
     * Starts consumer-N in a new slot, or with {@code inPlace} in the most recently freed slot if there is one (a
     * container restarted where it was: same instance id, same spool folder; the spool's lock keeps a folder from
     * being shared by two live processes). Synchronized with {@link #close()}: once closed (also by a shutdown hook
     * while the run's thread goes on), nothing is started any more.
     *
     * @throws IllegalStateException if the pool is closed
     */
    synchronized Member start(ConsumerMode mode, boolean inPlace) {
        String freed = inPlace ? slots.takeFreed().orElse(null) : null;
        return startIn(freed != null ? freed : slots.fresh(), freed != null, mode);
    }

    /**
     * Starts a consumer in {@code slot}, the slot of the consumer that died there (its container restarted), or in a
     * new slot if that one is taken again.
     *
     * @throws IllegalStateException if the pool is closed
     */
    synchronized Member restartIn(String slot, ConsumerMode mode) {
        boolean free = slots.take(slot);
        return startIn(free ? slot : slots.fresh(), free, mode);
    }

    private Member startIn(String slot, boolean restartedInPlace, ConsumerMode mode) {
        if (closed) {
            throw new IllegalStateException("the consumer pool is closed");
        }
        String name = "consumer-" + (members.size() + 1);
        Map<String, String> childEnv = new HashMap<>(env);
        childEnv.put("SPOOL_DIR", runDir.resolve("spool").resolve(slot).toString());
        if (membership == Membership.STATIC) {
            childEnv.put(INSTANCE_ID_ENV, slot);
        }
        List<String> options = new ArrayList<>(jvmOptions);
        if (mode.faultSpec() != null) {
            options.add("-D" + FaultHooks.PROPERTY + "=" + mode.faultSpec());
        }
        var member = new Member(ChildJvm.start(name, jar, options, childEnv, CLEARED, runDir.resolve(name + ".log")),
                mode, slot, restartedInPlace);
        members.add(member);
        return member;
    }

    int started() {
        return members.size();
    }

    /** Alive and not killed, in start order; those shutting down after a SIGTERM and those paused included. */
    List<Member> alive() {
        return members.stream().filter(m -> !m.killed && !m.reaped && m.jvm.isAlive()).toList();
    }

    /** Alive and not paused: the consumers that can do anything. */
    List<Member> running() {
        return alive().stream().filter(m -> !m.paused).toList();
    }

    /** Reads new log lines of every live consumer: its last upload, and its partitions. */
    void follow() {
        for (Member m : members) {
            if (m.reaped && !m.jvm.isAlive()) {
                continue;
            }
            for (String line : m.tail.poll()) {
                AssignmentLine.parse(line, topic).ifPresent(change -> {
                    if (change.change() == AssignmentLine.Change.ASSIGNED) {
                        m.joined = true;
                    }
                    m.apply(change);
                });
                ConsumerMode.PauseAfterUpload.announced(line).ifPresent(pause -> {
                    m.lastPause = pause;
                    m.lastPauseNanos = System.nanoTime();
                });
                UploadLine.parse(line).ifPresent(upload -> {
                    m.lastUpload = upload;
                    m.lastUploadNanos = System.nanoTime();
                    onUpload.accept(m, upload);
                });
            }
        }
    }

    /**
     * Consumers that exited since the last call and were not killed by {@link #kill}: crashes, self-halts,
     * and those stopped by {@link #terminate}. The slot of one that was not stopped on purpose is free again.
     */
    List<Exit> reap() {
        List<Exit> exits = new ArrayList<>();
        for (Member m : members) {
            if (!m.reaped && !m.jvm.isAlive()) {
                m.reaped = true;
                if (!m.killed) {
                    exits.add(new Exit(m, m.jvm.exitValue()));
                    if (!m.terminated) {
                        freeSlot(m);
                    }
                }
            }
        }
        return exits;
    }

    /** kill -9; the slot is free for a restart in place. */
    void kill(Member member) {
        member.killed = true;
        member.jvm.kill();
        freeSlot(member);
    }

    /** SIGSTOP: the consumer freezes, still a process, still (for a while) a member of the group. */
    void pause(Member member) {
        member.jvm.signal("STOP");
        member.paused = true;
        member.wasPaused = true;
    }

    /**
     * SIGCONT: the frozen consumer runs on from where it stopped, unaware of the time that passed. Paused past its
     * session timeout, it is no longer the owner of any partition, whatever its log said before; partitions it gets
     * after joining again show up as new assignment lines.
     */
    void resume(Member member) {
        member.jvm.signal("CONT");
        member.paused = false;
        member.forgetPartitions();
    }

    /**
     * SIGTERM to every live consumer, then waits for each (their flush and commit take up to the shutdown
     * timeout); one still running after {@code timeout} is killed. Returns each one's exit code (-1 = killed).
     */
    Map<Member, Integer> terminateAll(Duration timeout) {
        List<Member> live = alive();
        live.forEach(m -> {
            if (m.paused) {
                resume(m); // a stopped process would hold its SIGTERM until the deadline
            }
            m.terminated = true;
            m.jvm.terminate();
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Member, Integer> codes = new HashMap<>();
        for (Member m : live) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (m.jvm.awaitExit(Duration.ofNanos(left))) {
                codes.put(m, m.jvm.exitValue());
            } else {
                m.jvm.kill();
                codes.put(m, -1);
            }
            m.reaped = true;
        }
        return codes;
    }

    /** SIGTERM to one consumer, without waiting. */
    void terminate(Member member) {
        member.terminated = true;
        member.jvm.terminate();
    }

    /** Kills whatever still runs (SIGKILL ends a stopped process too): no child outlives the run. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Member m : members) {
            if (m.jvm.isAlive()) {
                m.killed = true;
                m.jvm.kill();
            }
        }
    }

    private synchronized void freeSlot(Member member) {
        slots.free(member.slot);
    }
}
