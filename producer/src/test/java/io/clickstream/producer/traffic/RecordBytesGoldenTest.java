package io.clickstream.producer.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes the producer sends for a seed: speeding up generation or JSON writing must not
 * change a single record. The digest was taken when sessions became timelines of their own (issue 17: think
 * times, a shop that opened before the start, the daily curve); if a change to the model is intended, update it
 * deliberately.
 */
class RecordBytesGoldenTest {
    private static final int EVENTS = 300_000;
    private static final long SEED = 20260119L;
    private static final String DIGEST = "a989ed23b298045d42d249420ea3b02008780ba3bd06525b0f1835131e2853af";

    @Test
    void theSameSeedAndStartGiveTheSameBytesAsBefore() {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS.withDiurnal(true), SEED,
                Instant.parse("2026-01-19T08:00:00Z"), Duration.ofMinutes(30));
        var traffic = new TrafficShaper(generator, new Imperfections(0.05, 0.05, 0.05, 0.05), SEED);
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
