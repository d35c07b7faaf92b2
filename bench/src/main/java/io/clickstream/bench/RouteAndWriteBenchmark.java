package io.clickstream.bench;

import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.route.LateEventTarget;
import io.clickstream.consumer.route.PartitionTime;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.route.RecordRouter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The consumer's whole per-record CPU path outside Kafka and S3: {@link RecordRouter#route} (decode,
 * validate, normalize, pick the hour) then {@link EventFileWriter#write}, with the default settings.
 * 1e9 / (ns per op) is the most events per second one core can put into Parquet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteAndWriteBenchmark {
    private SampleEvents samples;
    private RecordRouter router;
    private ScratchParquetFiles files;
    private EventFileWriter writer;
    private int next;
    private long offset;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        samples = new SampleEvents();
        router = new RecordRouter(new RecordRouter.Rules(1 << 20, PartitionTime.INGESTION, Duration.ofHours(24),
                LateEventTarget.LATE_PREFIX, Instant.EPOCH));
        files = new ScratchParquetFiles("route-bench-", "zstd");
    }

    @Setup(Level.Iteration)
    public void openFile() {
        writer = files.open();
    }

    @TearDown(Level.Iteration)
    public void finishFile() throws IOException {
        files.finishAndDelete(writer);
    }

    @TearDown(Level.Trial)
    public void removeDir() throws IOException {
        files.delete();
    }

    @Benchmark
    public void routeAndWrite() {
        int i = next;
        next = (next + 1) & SampleEvents.MASK;
        var row = (Route.Row) router.route(ByteBuffer.wrap(samples.json[i]), samples.json[i].length, samples.kafkaTimestamps[i]);
        writer.write(row.event(), row.source(), row.ingestedAt(), 3, offset++);
    }
}
