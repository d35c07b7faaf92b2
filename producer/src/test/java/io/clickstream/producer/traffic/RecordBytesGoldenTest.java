package io.clickstream.producer.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.testkit.MutableClock;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes the producer sends for a seed: speeding up generation or JSON writing must not
 * change a single record. The digest was taken from the implementation before those optimisations; if a
 * change to the model is intended, update it deliberately.
 */
class RecordBytesGoldenTest {
    private static final int EVENTS = 300_000;
    private static final long SEED = 20260119L;
    private static final String DIGEST = "4af387b256d5400f25482382dec71b0eb087ea1f7379114f169514ed3c5917f1";

    @Test
    void theSameSeedAndClockGiveTheSameBytesAsBefore() {
        var clock = new MutableClock(Instant.parse("2026-01-19T08:00:00Z"));
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, SEED, clock);
        var traffic = new TrafficShaper(() -> {
            var event = generator.next();
            clock.advance(Duration.ofMillis(7)); // not a multiple of a second: every millisecond form appears
            return event;
        }, new Imperfections(0.05, 0.05, 0.05, 0.05), SEED);
        MessageDigest digest = sha256();
        ByteBuffer lengths = ByteBuffer.allocate(8);
        for (int i = 0; i < EVENTS; i++) {
            OutgoingRecord record = traffic.next(EVENTS - i);
            lengths.clear();
            lengths.putInt(record.key().length).putInt(record.value().length);
            digest.update(lengths.array());
            digest.update(record.key());
            digest.update(record.value());
            digest.update((byte) record.kind().ordinal());
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(DIGEST);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
