package io.clickstream.bench;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.json.EventJsonWriter;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.SourceText;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.sim.VisitLength;
import java.time.Duration;
import java.time.Instant;

/**
 * Realistic input for the benchmarks: the simulator's events (seed 42, a shop of 1,000 events per second of
 * simulated time opened half an hour before 2026-01-19T10:00Z, as {@code sandbox bench} loads them), as the
 * producer's JSON and as the consumer has them after decoding. A power of two of them, cycled through by a mask.
 *
 * <p>131,072 of them (60 MB of JSON): with fewer, a benchmark writing hundreds of thousands of rows
 * would repeat event ids within a file, and Parquet's dictionaries and zstd would find repetition that
 * real traffic (every event id unique) never has, flattering both speed and size.
 */
final class SampleEvents {
    static final int SIZE = 1 << 17;
    static final int MASK = SIZE - 1;
    static final Instant EPOCH = Instant.parse("2026-01-19T10:00:00Z");

    final byte[][] json = new byte[SIZE][];
    final ClickEvent[] decoded = new ClickEvent[SIZE];
    /** Where each decoded event's strings lie in its record, as the consumer hands them to the writer. */
    final SourceText[] sources = new SourceText[SIZE];
    /** The Kafka timestamp of each record: its event time, as the sandbox bench's loader sends it. */
    final long[] kafkaTimestamps = new long[SIZE];

    SampleEvents() {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS.withSessionsPerSecond(1_000
                / VisitLength.meanEventsPerSession(SimulationSettings.DEFAULTS)), 42, EPOCH, Duration.ofMinutes(30));
        var decoder = new EventDecoder(1 << 20);
        for (int i = 0; i < SIZE; i++) {
            ClickEvent event = generator.next();
            json[i] = EventJsonWriter.write(event);
            kafkaTimestamps[i] = event.timestamp().toEpochMilli();
            if (!(decoder.decode(json[i]) instanceof DecodeResult.Valid valid)) {
                throw new IllegalStateException("the simulator made an invalid event: " + new String(json[i]));
            }
            decoded[i] = valid.event();
            sources[i] = valid.source();
        }
    }

    double meanJsonBytes() {
        long sum = 0;
        for (byte[] b : json) {
            sum += b.length;
        }
        return (double) sum / SIZE;
    }
}
