package io.clickstream.bench;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.json.EventJsonReader;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.RawEvent;
import java.util.concurrent.TimeUnit;
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

/**
 * One record value to a valid, normalized event: {@link EventDecoder#decode} (parse + validate +
 * normalize), and the parse alone, so the difference is what validation and normalization cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
    private SampleEvents samples;
    private EventDecoder decoder;
    private int next;

    @Setup
    public void setUp() {
        samples = new SampleEvents();
        decoder = new EventDecoder(1 << 20);
    }

    @Benchmark
    public DecodeResult decode() {
        byte[] value = samples.json[next];
        next = (next + 1) & SampleEvents.MASK;
        return decoder.decode(value);
    }

    @Benchmark
    public RawEvent parseOnly() throws EventJsonReader.UnreadableRecord {
        byte[] value = samples.json[next];
        next = (next + 1) & SampleEvents.MASK;
        return EventJsonReader.read(value);
    }
}
