package io.clickstream.consumer.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WatermarkTest {
    private static final long HOUR = 3_600_000L;
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Instant H10 = Instant.parse("2026-12-04T10:00:00Z");

    private static long floorHour(long millis) {
        return Math.floorDiv(millis, HOUR) * HOUR;
    }

    // ---- encode / decode ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 1_796_356_800_000L, Watermark.MAX})
    void encodeThenDecodeGivesBackTheSameWatermark(long millis) {
        String metadata = Watermark.encode(millis);

        assertThat(metadata).isEqualTo("wm=" + millis);
        assertThat(Watermark.decode(metadata)).isEqualTo(millis);
    }

    @Test
    void encodeThenDecodeRoundTripsRandomWatermarks() {
        var random = new Random(20261204L);
        for (int i = 0; i < 10_000; i++) {
            long millis = Math.floorMod(random.nextLong(), Watermark.MAX + 1);
            assertThat(Watermark.decode(Watermark.encode(millis))).as("watermark %d", millis).isEqualTo(millis);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, -86_400_000L, Long.MIN_VALUE + 1, Watermark.MAX + 1, Long.MAX_VALUE})
    void aWatermarkBeforeTheEpochOrAfterYear9999DecodesToNoneSoItCannotSealEveryHour(long millis) {
        assertThat(Watermark.decode("wm=" + millis)).isEqualTo(Watermark.NONE);
    }

    @Test
    void encodingNoWatermarkGivesEmptyMetadataWhichDecodesToNone() {
        assertThat(Watermark.encode(Watermark.NONE)).isEmpty();
        assertThat(Watermark.decode(Watermark.encode(Watermark.NONE))).isEqualTo(Watermark.NONE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "wm=", "wm=abc", "wm=12x", "wm= 12", "WM=12", "offset=12", "wm:12", "{\"wm\":12}",
            "12", " wm=12", "wm=99999999999999999999"})
    void metadataThatIsNotAWatermarkDecodesToNone(String metadata) {
        assertThat(Watermark.decode(metadata)).isEqualTo(Watermark.NONE);
    }

    // ---- advance --------------------------------------------------------------------------------

    @Test
    void advanceTakesTheNewerOfWatermarkAndTimestamp() {
        assertThat(Watermark.advance(1_000, 2_000)).isEqualTo(2_000);
        assertThat(Watermark.advance(2_000, 1_000)).as("never moves back").isEqualTo(2_000);
        assertThat(Watermark.advance(2_000, 2_000)).isEqualTo(2_000);
        assertThat(Watermark.advance(Watermark.NONE, 0)).as("from none, the first timestamp").isEqualTo(0);
        assertThat(Watermark.advance(Watermark.NONE, 5)).isEqualTo(5);
    }

    @Test
    void advanceIgnoresRecordsWithoutATimestamp() {
        assertThat(Watermark.advance(1_000, -1)).isEqualTo(1_000);
        assertThat(Watermark.advance(Watermark.NONE, -1)).isEqualTo(Watermark.NONE);
        assertThat(Watermark.advance(-5_000, -1)).as("even below a negative watermark").isEqualTo(-5_000);
    }

    @Test
    void advanceIsTheMaximumOfTheNonNegativeTimestampsSeen() {
        var random = new Random(7);
        for (int run = 0; run < 200; run++) {
            long watermark = Watermark.NONE;
            long expected = Watermark.NONE;
            for (int i = 0; i < 50; i++) {
                long ts = random.nextInt(4) == 0 ? -1 - random.nextInt(1000) : random.nextLong() & Long.MAX_VALUE;
                watermark = Watermark.advance(watermark, ts);
                if (ts >= 0) {
                    expected = Math.max(expected, ts);
                }
            }
            assertThat(watermark).isEqualTo(expected);
        }
    }

    // ---- seals / firstOpenHour -------------------------------------------------------------------

    @Test
    void anHourIsSealedExactlyWhenItsEndPlusGraceIsReached() {
        long sealedAt = H10.toEpochMilli() + HOUR + GRACE.toMillis();

        assertThat(Watermark.seals(sealedAt, H10, GRACE)).isTrue();
        assertThat(Watermark.seals(sealedAt - 1, H10, GRACE)).isFalse();
        assertThat(Watermark.seals(sealedAt - 1, H10.minusSeconds(3600), GRACE)).as("the hour before").isTrue();
        assertThat(Watermark.firstOpenHour(sealedAt, GRACE)).isEqualTo(H10.plusSeconds(3600));
        assertThat(Watermark.firstOpenHour(sealedAt - 1, GRACE)).isEqualTo(H10);
    }

    @Test
    void noWatermarkSealsNothing() {
        var random = new Random(3);
        assertThat(Watermark.firstOpenHour(Watermark.NONE, GRACE)).isEqualTo(Instant.MIN);
        assertThat(Watermark.firstOpenHourMillis(Watermark.NONE, GRACE.toMillis())).isEqualTo(Long.MIN_VALUE);
        assertThat(Watermark.seals(Watermark.NONE, H10, GRACE)).isFalse();
        assertThat(Watermark.seals(Watermark.NONE, Instant.EPOCH, Duration.ZERO)).isFalse();
        for (int i = 0; i < 1_000; i++) {
            long hour = floorHour(random.nextLong() % 10_000_000_000_000L);
            assertThat(Watermark.seals(Watermark.NONE, Instant.ofEpochMilli(hour), Duration.ofMillis(random.nextInt(1 << 30))))
                    .isFalse();
        }
    }

    @Test
    void sealsMatchesTheDefinitionForRandomWatermarksHoursAndGraces() {
        var random = new Random(42);
        long range = 10_000_000_000_000L; // about 317 years either side of 1970
        for (int i = 0; i < 100_000; i++) {
            long watermark = random.nextLong() % range;
            long grace = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> HOUR * random.nextInt(48);
                case 2 -> 1_000L * random.nextInt(7 * 86_400);
                default -> random.nextInt(Integer.MAX_VALUE);
            };
            // hours near the watermark (where the answer flips) and anywhere
            long instant = random.nextBoolean()
                    ? watermark - grace - HOUR + (random.nextLong() % (3 * HOUR))
                    : random.nextLong() % range;
            long hour = floorHour(instant);
            boolean expected = hour + HOUR + grace <= watermark;

            assertThat(Watermark.seals(watermark, Instant.ofEpochMilli(hour), Duration.ofMillis(grace)))
                    .as("watermark %d, hour %d, grace %d", watermark, hour, grace).isEqualTo(expected);
        }
    }

    @Test
    void sealsMatchesTheDefinitionOnExactHourBoundariesIncludingBefore1970() {
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            long hour = floorHour(random.nextLong() % 5_000_000_000_000L);
            long grace = HOUR * random.nextInt(5) + (random.nextBoolean() ? 0 : 60_000L * random.nextInt(60));
            long boundary = hour + HOUR + grace;
            Duration g = Duration.ofMillis(grace);
            Instant h = Instant.ofEpochMilli(hour);

            assertThat(Watermark.seals(boundary, h, g)).as("at the boundary, hour %d grace %d", hour, grace).isTrue();
            assertThat(Watermark.seals(boundary - 1, h, g)).as("a milli before, hour %d grace %d", hour, grace).isFalse();
            assertThat(Watermark.seals(boundary + HOUR, h, g)).isTrue();
        }
    }

    @Test
    void firstOpenHourIsAnHourStartBeforeWhichEveryHourIsSealed() {
        var random = new Random(99);
        for (int i = 0; i < 20_000; i++) {
            long watermark = random.nextLong() % 10_000_000_000_000L;
            Duration grace = Duration.ofMillis(random.nextInt(3) == 0 ? 0 : random.nextInt(Integer.MAX_VALUE));
            Instant open = Watermark.firstOpenHour(watermark, grace);

            assertThat(Math.floorMod(open.toEpochMilli(), HOUR)).as("hour-aligned, watermark %d", watermark).isZero();
            assertThat(open.toEpochMilli()).isEqualTo(Watermark.firstOpenHourMillis(watermark, grace.toMillis()));
            assertThat(Watermark.seals(watermark, open, grace)).as("open, watermark %d", watermark).isFalse();
            assertThat(Watermark.seals(watermark, open.minusMillis(HOUR), grace)).as("sealed, watermark %d", watermark).isTrue();
        }
    }

    @Test
    void theGraceTravelsBesideTheWatermarkAndOlderMetadataHasNone() {
        String metadata = Watermark.encode(1_796_356_800_000L, 600_000L);

        assertThat(metadata).isEqualTo("wm=1796356800000;g=600000");
        assertThat(Watermark.decode(metadata)).isEqualTo(1_796_356_800_000L);
        assertThat(Watermark.decodeGrace(metadata)).isEqualTo(600_000L);
        assertThat(Watermark.decodeGrace("wm=1796356800000")).isEqualTo(-1);
        assertThat(Watermark.decodeGrace("wm=1;g=soon")).isEqualTo(-1);
        assertThat(Watermark.encode(Watermark.NONE, 600_000L)).isEmpty();
    }
}
