package io.clickstream.bench;

import io.clickstream.consumer.layout.FileStart;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A file's object key ({@link ObjectKeyLayout#key}): once per file, so only a regression by orders of magnitude matters. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyLayoutBenchmark {
    private final ObjectKeyLayout layout = new ObjectKeyLayout("clickstream");
    private final FileStart[] files = new FileStart[SampleEvents.SIZE];
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < files.length; i++) {
            Instant first = SampleEvents.EPOCH.plusSeconds(i * 37L);
            files[i] = new FileStart(new TopicPartition("clickstream", i % 12), i * 1_000_003L, first, i % 50 == 0);
        }
    }

    @Benchmark
    public String key() {
        FileStart file = files[next];
        next = (next + 1) & SampleEvents.MASK;
        return layout.key(file);
    }
}
