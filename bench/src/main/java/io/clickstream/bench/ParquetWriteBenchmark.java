package io.clickstream.bench;

import io.clickstream.consumer.parquet.EventFileWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One row into an open Parquet file, as the consumer writes it: {@link EventFileWriter#write} (column
 * encoding with dictionaries, page compression as pages fill, row groups flushed to the local file), with
 * the consumer's default sizes (32 MB row groups, 256 KB pages). A fresh file per
 * iteration; its footer is written in the tear-down, which prints the bytes per row of each codec.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParquetWriteBenchmark {
    @Param({"zstd", "snappy"})
    public String compression;

    private SampleEvents samples;
    private ScratchParquetFiles files;
    private EventFileWriter writer;
    private int next;
    private long offset;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        samples = new SampleEvents();
        files = new ScratchParquetFiles("parquet-bench-", compression);
    }

    @Setup(Level.Iteration)
    public void openFile() {
        writer = files.open();
    }

    @TearDown(Level.Iteration)
    public void finishFile() throws IOException {
        long rows = writer.rows();
        long bytes = files.finishAndDelete(writer);
        System.out.printf(Locale.ROOT, "%n  %s: %,d rows, %,d bytes = %.1f bytes/row (JSON: %.1f bytes/event)%n", compression,
                rows, bytes, (double) bytes / Math.max(1, rows), samples.meanJsonBytes());
    }

    @TearDown(Level.Trial)
    public void removeDir() throws IOException {
        files.delete();
    }

    @Benchmark
    public void write() {
        int i = next;
        next = (next + 1) & SampleEvents.MASK;
        writer.write(samples.decoded[i], samples.sources[i], Instant.ofEpochMilli(samples.kafkaTimestamps[i]), 3, offset++);
    }
}
