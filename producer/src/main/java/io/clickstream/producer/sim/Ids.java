package io.clickstream.producer.sim;

import java.util.SplittableRandom;
import java.util.UUID;

/** Random (version 4 layout) UUIDs drawn from a seeded generator, so ids repeat with the seed. */
final class Ids {

    private Ids() {
    }

    static String uuid(SplittableRandom random) {
        long msb = random.nextLong();
        long lsb = random.nextLong();
        return uuid(msb, lsb);
    }

    /** The UUID of two longs drawn earlier: {@code uuid(random)} is {@code uuid(random.nextLong(), random.nextLong())}. */
    static String uuid(long msb, long lsb) {
        return new UUID(msb & 0xFFFF_FFFF_FFFF_0FFFL | 0x0000_0000_0000_4000L,
                lsb & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L).toString();
    }

    /** Draws what {@link #uuid(SplittableRandom)} draws, without making the text. */
    static void skipUuid(SplittableRandom random) {
        random.nextLong();
        random.nextLong();
    }

    /** A well-mixed 64-bit value from two inputs (SplitMix64's finalizer), to derive independent sub-seeds. */
    static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ z >>> 30) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ z >>> 27) * 0x94D0_49BB_1331_11EBL;
        return z ^ z >>> 31;
    }
}
