package io.clickstream.sandbox.chaos;

import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.consumer.delivery.FaultHooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The consumer processes of a chaos run: starts them (each with its own log and spool folder), follows
 * their logs for upload lines, kills them, notices the ones that exit by themselves, and stops the rest.
 * Used from one thread.
 */
final class ConsumerPool implements AutoCloseable {
    /** Every consumer variable, and the fault hook: none may leak in from the caller's environment. */
    private static final List<String> CLEARED = Stream.concat(ConsumerConfig.SETTINGS.stream().map(s -> s.env()),
            Stream.of(FaultHooks.ENV)).toList();

    /** SinkLoop's line for a non-empty assignment. */
    private static final String ASSIGNED = "SinkLoop - assigned [";

    /** One consumer process and what its log has told so far. */
    static final class Member {
        final ChildJvm jvm;
        final ConsumerMode mode;
        private final LogTail tail;
        private volatile UploadLine lastUpload;
        private volatile long lastUploadNanos = Long.MIN_VALUE;
        private volatile boolean joined;
        private volatile boolean killed;
        private volatile boolean terminated;
        private volatile boolean reaped;

        private Member(ChildJvm jvm, ConsumerMode mode) {
            this.jvm = jvm;
            this.mode = mode;
            this.tail = new LogTail(jvm.log());
        }

        /** The last upload line seen, and when (System.nanoTime), or null. */
        UploadLine lastUpload() {
            return lastUpload;
        }

        long lastUploadNanos() {
            return lastUploadNanos;
        }

        /** Has logged an assignment: it is in the group and owns (or owned) partitions. */
        boolean joined() {
            return joined;
        }

        /** Sent SIGTERM by the run. */
        boolean isTerminated() {
            return terminated;
        }

        boolean uploadedSince(long nanos) {
            return lastUpload != null && lastUploadNanos - nanos >= 0;
        }

        @Override
        public String toString() {
            return jvm.toString();
        }
    }

    /** A consumer that exited without being killed or stopped by the run. */
    record Exit(Member member, int code) {
    }

    private final Path jar;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final Path runDir;
    /** Copy-on-write: {@link #close()} may run on a shutdown hook while the run's thread starts one. */
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private boolean closed; // guarded by this

    ConsumerPool(Path jar, List<String> jvmOptions, Map<String, String> env, Path runDir) {
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.env = Map.copyOf(env);
        this.runDir = runDir;
    }

    /**
     * Starts consumer-N with its own spool folder: a spool is never shared between live processes.
     * Synchronized with {@link #close()}: once closed (also by a shutdown hook while the run's thread goes on),
     * nothing is started any more.
     *
     * @throws IllegalStateException if the pool is closed
     */
    synchronized Member start(ConsumerMode mode) {
        if (closed) {
            throw new IllegalStateException("the consumer pool is closed");
        }
        String name = "consumer-" + (members.size() + 1);
        Map<String, String> childEnv = new HashMap<>(env);
        childEnv.put("SPOOL_DIR", runDir.resolve("spool").resolve(name).toString());
        List<String> options = new ArrayList<>(jvmOptions);
        if (mode.faultSpec() != null) {
            options.add("-D" + FaultHooks.PROPERTY + "=" + mode.faultSpec());
        }
        var member = new Member(ChildJvm.start(name, jar, options, childEnv, CLEARED, runDir.resolve(name + ".log")),
                mode);
        members.add(member);
        return member;
    }

    int started() {
        return members.size();
    }

    /** Alive and not killed, in start order; those shutting down after a SIGTERM included. */
    List<Member> alive() {
        return members.stream().filter(m -> !m.killed && !m.reaped && m.jvm.isAlive()).toList();
    }

    /** Reads new log lines of every live consumer and remembers the last upload of each. */
    void follow() {
        for (Member m : members) {
            if (m.reaped && !m.jvm.isAlive()) {
                continue;
            }
            for (String line : m.tail.poll()) {
                if (line.contains(ASSIGNED)) {
                    m.joined = true;
                }
                UploadLine.parse(line).ifPresent(upload -> {
                    m.lastUpload = upload;
                    m.lastUploadNanos = System.nanoTime();
                });
            }
        }
    }

    /**
     * Consumers that exited since the last call and were not killed by {@link #kill}: crashes, self-halts,
     * and those stopped by {@link #terminate}.
     */
    List<Exit> reap() {
        List<Exit> exits = new ArrayList<>();
        for (Member m : members) {
            if (!m.reaped && !m.jvm.isAlive()) {
                m.reaped = true;
                if (!m.killed) {
                    exits.add(new Exit(m, m.jvm.exitValue()));
                }
            }
        }
        return exits;
    }

    /** kill -9. */
    void kill(Member member) {
        member.killed = true;
        member.jvm.kill();
    }

    /**
     * SIGTERM to every live consumer, then waits for each (their flush and commit take up to the shutdown
     * timeout); one still running after {@code timeout} is killed. Returns each one's exit code (-1 = killed).
     */
    Map<Member, Integer> terminateAll(Duration timeout) {
        List<Member> live = alive();
        live.forEach(m -> {
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

    /** Kills whatever still runs: also on failure and on Ctrl-C, no child outlives the run. */
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
}
