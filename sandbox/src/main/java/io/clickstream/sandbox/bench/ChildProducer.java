package io.clickstream.sandbox.bench;

import io.clickstream.common.config.Setting;
import io.clickstream.producer.ProducerConfig;
import io.clickstream.sandbox.chaos.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/**
 * The producer as users run it: {@code java -jar clickstream-producer.jar} in its own JVM at the JVM's defaults (no
 * heap option; only {@code -Xlog:gc} to a file, which sizes nothing), configured by environment alone with the
 * in-process producer bench's settings ({@link ProducerBench#environment}: a fixed count at rate 0, a fixed seed),
 * sending to a fresh topic that is deleted afterwards. Its memory is then its own, not the embedded broker's.
 *
 * <p>While it runs, every 50 ms, {@link ProcSampler} reads its {@code /proc/<pid>/status}. The clock runs from
 * launch to exit; the count is checked against the topic's end offsets ({@link TopicOffsets}); heap allocation
 * comes from its GC log ({@link GcLog}).
 */
final class ChildProducer {
    private static final Duration SAMPLE = Duration.ofMillis(50);

    private ChildProducer() {
    }

    /** Where it runs from: the producer's fat jar, a folder for its log files, how long it may take. */
    record Launch(Path jar, Path workDir, Duration timeout) {
    }

    /**
     * Runs the jar once and measures it.
     *
     * @throws IllegalStateException if it fails, times out, or the topic does not hold {@code events} records
     */
    static ProducerChildRun run(Launch launch, String bootstrap, String topic, long events, long seed)
            throws InterruptedException {
        Map<String, String> env = ProducerBench.environment(bootstrap, topic, events, seed);
        int partitions = ProducerConfig.from(env, Set.of()).partitions();
        try (Admin admin = TopicOffsets.admin(bootstrap)) {
            ProducerBench.createTopic(admin, topic, partitions);
            try {
                return measure(launch, env, bootstrap, topic, partitions, events);
            } finally {
                admin.deleteTopics(List.of(topic));
            }
        }
    }

    private static ProducerChildRun measure(Launch launch, Map<String, String> env, String bootstrap, String topic,
            int partitions, long events) throws InterruptedException {
        Path log = launch.workDir().resolve("producer-jar.log");
        Path gcLog = launch.workDir().resolve("producer-jar-gc.log");
        List<String> cleared = ProducerConfig.SETTINGS.stream().map(Setting::env).toList();
        long launched = System.nanoTime();
        ChildJvm jvm = ChildJvm.start("producer", launch.jar(), List.of(GcLog.option(gcLog)), env, cleared, log);
        try {
            var sampler = new ProcSampler(jvm.pid());
            long deadline = launched + launch.timeout().toNanos();
            sampler.sample();
            while (!jvm.awaitExit(SAMPLE)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted while the producer jar ran");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the producer jar did not finish within " + launch.timeout() + "; log "
                            + log + ":\n" + jvm.tail(30));
                }
                sampler.sample();
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - launched);
            if (jvm.exitValue() != 0) {
                throw new IllegalStateException("the producer jar exited with " + jvm.exitValue() + "; log " + log + ":\n"
                        + jvm.tail(30));
            }
            try (TopicOffsets offsets = TopicOffsets.of(bootstrap, topic, partitions)) {
                if (offsets.total() != events) {
                    throw new IllegalStateException("the producer jar was told to send " + events + " events, its topic holds "
                            + offsets.total() + "; log " + log);
                }
            }
            return new ProducerChildRun(launch.jar(), events, wall, sampler.last().cpu(), sampler.peakRssBytes(),
                    GcLog.parse(gcLog).allocatedBytes(), log);
        } finally {
            if (jvm.isAlive()) {
                jvm.kill();
            }
        }
    }
}
