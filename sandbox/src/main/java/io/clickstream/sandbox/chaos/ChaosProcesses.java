package io.clickstream.sandbox.chaos;

import io.clickstream.producer.ProducerConfig;
import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The run's child processes: the producer and the {@link ConsumerPool}. Each start is logged. {@link #close()}
 * kills whatever still runs, also from the shutdown hook while the run's thread goes on; nothing starts after it.
 */
final class ChaosProcesses implements AutoCloseable {
    /** Every producer variable: none may leak in from the caller's environment. */
    private static final List<String> PRODUCER_CLEARED = ProducerConfig.SETTINGS.stream().map(s -> s.env()).toList();

    private final ChaosOptions options;
    private final ChaosJars jars;
    private final Path runDir;
    private final FaultLog log;
    private final ConsumerPool consumers;
    private volatile ChildJvm producer;
    private boolean closed; // guarded by this

    ChaosProcesses(ChaosOptions options, ChaosJars jars, Path runDir, Map<String, String> consumerEnv, FaultLog log,
            BiConsumer<Member, UploadLine> onUpload) {
        this(options, jars, Optional.empty(), runDir, consumerEnv, log, onUpload);
    }

    /** @param classData the class-data archive the consumers start with, as the image's do */
    ChaosProcesses(ChaosOptions options, ChaosJars jars, Optional<Path> classData, Path runDir,
            Map<String, String> consumerEnv, FaultLog log, BiConsumer<Member, UploadLine> onUpload) {
        this.options = options;
        this.jars = jars;
        this.runDir = runDir;
        this.log = log;
        List<String> consumerJvm = new ArrayList<>(options.childJvmOptions());
        classData.ifPresent(archive -> consumerJvm.add(ClassDataArchive.option(archive)));
        this.consumers = new ConsumerPool(jars.consumer(), List.copyOf(consumerJvm), consumerEnv, options.membership(),
                ChaosRun.TOPIC, runDir, onUpload);
    }

    ConsumerPool consumers() {
        return consumers;
    }

    /** The producer; only once {@link #startProducer} has run. */
    ChildJvm producer() {
        return producer;
    }

    /**
     * Starts the producer with {@code env} and nothing else of the producer's settings.
     *
     * @throws IllegalStateException if the run is shutting down
     */
    void startProducer(Map<String, String> env) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the run is shutting down");
            }
            producer = ChildJvm.start("producer", jars.producer(), options.childJvmOptions(), env, PRODUCER_CLEARED,
                    runDir.resolve("producer.log"));
        }
        log.note(String.format(Locale.ROOT, "start producer (pid %d): %d events at %d/s, %.1f %% invalid",
                producer.pid(), options.events(), options.rate(), options.invalidRatio() * 100));
    }

    /** Starts a consumer in a new slot that misbehaves as {@code mode} says; {@code why} ends the log line. */
    Member startConsumer(ConsumerMode mode, String why) {
        Member member = consumers.start(mode, false);
        log.fault(FaultKind.CONSUMER_START, "start " + member + " [" + mode + "]" + why);
        return member;
    }

    /**
     * Restarts a consumer in the slot of the one that died last (a container restarted in place: with static
     * membership the same instance id), or starts one in a new slot if none is free.
     */
    Member restartConsumer(ConsumerMode mode, String why) {
        Member member = consumers.start(mode, true);
        if (member.restartedInPlace) {
            log.fault(FaultKind.CONSUMER_RESTART, "restart " + member + " in place [" + mode + "]" + why);
        } else {
            log.fault(FaultKind.CONSUMER_START, "start " + member + " [" + mode + "]" + why
                    + " (a restart in place, but no dead consumer's slot was free)");
        }
        return member;
    }

    /**
     * Restarts a consumer in {@code slot}, where one died a moment ago (its container restarted by its restart
     * policy: with static membership the same instance id), or in a new slot if that one is taken again.
     */
    Member restartConsumerIn(String slot, ConsumerMode mode, String why) {
        Member member = consumers.restartIn(slot, mode);
        if (member.restartedInPlace) {
            log.fault(FaultKind.CONSUMER_RESTART, "restart " + member + " in place [" + mode + "]" + why);
        } else {
            log.fault(FaultKind.CONSUMER_START, "start " + member + " [" + mode + "]" + why
                    + " (a restart in place, but its slot " + slot + " was taken)");
        }
        return member;
    }

    /** Kills every child still running: also on failure and on Ctrl-C, no child outlives the run. */
    @Override
    public synchronized void close() {
        closed = true;
        consumers.close();
        ChildJvm p = producer;
        if (p != null && p.isAlive()) {
            p.kill();
        }
    }
}
