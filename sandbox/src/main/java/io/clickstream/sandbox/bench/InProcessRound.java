package io.clickstream.sandbox.bench;

import io.clickstream.consumer.ConsumerApp;
import io.clickstream.consumer.kafka.SinkSummary;
import io.clickstream.sandbox.consumer.InProcessConsumer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Side B inside the benchmark's JVM ({@code --in-process}, or when the consumer jar is not built):
 * {@link ConsumerApp} on a thread of its own. Quicker to start, but its memory cannot be told apart
 * from the embedded broker's and S3's, so heap and RSS here are the whole JVM's.
 *
 * <p>CPU: every 50 ms, {@link ThreadMXBean#getThreadCpuTime} of the threads the consumer runs on,
 * told by name (its loop thread, {@code s3-upload-*}, the Kafka consumer's heartbeat thread, the
 * dead-letter producer's network thread, the AWS SDK's {@code sdk-*} threads), each thread's last
 * reading summed. The broker's and S3 server's threads that serve it are not counted.
 */
final class InProcessRound {
    private static final String LOOP_THREAD = "bench-consumer";
    private static final List<String> CONSUMER_THREADS = List.of(LOOP_THREAD, "s3-upload-",
            "kafka-coordinator-heartbeat-thread", "kafka-producer-network-thread | clickstream-dlq-",
            "consumer_background_thread", "sdk-", "idle-connection-reaper");

    private InProcessRound() {
    }

    /**
     * Nothing is left out of the rate for the idle wait (this JVM does not see when the consumer last read):
     * the consumer closes its files once it has read the topic, so it commits everything during the wait.
     */
    static ConsumerRound run(Map<String, String> env, TopicOffsets offsets, String group, int round, Path lakeFolder,
            long jsonBytes, Duration timeout) throws InterruptedException {
        MachineLoad load = MachineLoad.now();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        boolean peakReset = ProcStatus.resetOwnPeak();
        var threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpuByThread = new HashMap<>();
        var counted = new TreeSet<String>();

        long start = System.nanoTime();
        long end;
        SinkSummary summary;
        try (var consumer = InProcessConsumer.start(LOOP_THREAD, env)) {
            long deadline = start + timeout.toNanos();
            for (int tick = 0; ; tick++) {
                sampleCpu(threads, cpuByThread, counted);
                if (tick % 2 == 0 && offsets.lag(group) <= 0) {
                    end = System.nanoTime();
                    break;
                }
                if (!consumer.isRunning() && offsets.lag(group) > 0) {
                    throw consumer.endedEarly("the consumer stopped before committing everything");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the consumer did not commit everything within " + timeout);
                }
                Thread.sleep(50);
            }
            summary = consumer.stop(Duration.ofSeconds(60));
        }
        long heapPeak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long heapCommitted = heapPools.stream().mapToLong(p -> p.getPeakUsage().getCommitted()).sum();
        long rssPeak = peakReset ? ProcStatus.self().peakRssBytes() : -1;
        long cpu = cpuByThread.values().stream().mapToLong(Long::longValue).sum();
        LakeStats lake = LakeStats.of(lakeFolder);
        return new ConsumerRound(round, "in-process", summary.valid(), jsonBytes, Duration.ofNanos(end - start),
                Duration.ZERO, Duration.ofMillis(-1), Duration.ofMillis(-1), Duration.ofNanos(cpu),
                "per-thread CPU of the consumer's threads " + counted,
                heapPeak, heapCommitted, rssPeak, -1,
                "the whole benchmark JVM (consumer + embedded Kafka + S3): heap = sum of heap pools' peaks, reset per round;"
                        + " RSS = VmHWM after resetting it through /proc/self/clear_refs",
                lake.bytes(), lake.files(), 0, load, null, null);
    }

    private static void sampleCpu(ThreadMXBean threads, Map<Long, Long> cpuByThread, TreeSet<String> counted) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || !isConsumerThread(info.getThreadName())) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                cpuByThread.merge(info.getThreadId(), cpu, Math::max);
                counted.add(info.getThreadName().replaceAll(" \\| .*", "").replaceAll("\\d+$", "N"));
            }
        }
    }

    private static boolean isConsumerThread(String name) {
        for (String prefix : CONSUMER_THREADS) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
