package io.clickstream.bench;

import io.clickstream.consumer.parquet.EventRowMapper;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
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

/** A decoded event plus its Kafka coordinates to an Avro row ({@link EventRowMapper#toRow}), without encoding it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowMappingBenchmark {
    private SampleEvents samples;
    private int next;
    private long offset;

    @Setup
    public void setUp() {
        samples = new SampleEvents();
    }

    @Benchmark
    public GenericRecord toRow() {
        int i = next;
        next = (next + 1) & SampleEvents.MASK;
        return EventRowMapper.toRow(samples.decoded[i], Instant.ofEpochMilli(samples.kafkaTimestamps[i]), 3, offset++);
    }
}
