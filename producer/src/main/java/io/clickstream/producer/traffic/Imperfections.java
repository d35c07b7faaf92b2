package io.clickstream.producer.traffic;

/**
 * How much deliberately imperfect traffic to send, each a fraction of the records.
 *
 * @param invalidRatio records that are not valid events
 * @param lateRatio events whose event time is minutes to hours behind
 * @param outOfOrderRatio events held back and sent after some later ones
 * @param duplicateRatio events sent a second time (same event_id, same bytes)
 */
public record Imperfections(double invalidRatio, double lateRatio, double outOfOrderRatio, double duplicateRatio) {
    public static final Imperfections NONE = new Imperfections(0, 0, 0, 0);

    public Imperfections {
        check("invalidRatio", invalidRatio);
        check("lateRatio", lateRatio);
        check("outOfOrderRatio", outOfOrderRatio);
        check("duplicateRatio", duplicateRatio);
        if (invalidRatio + lateRatio + outOfOrderRatio > 1 + 1e-9) {
            throw new IllegalArgumentException("invalid, late and out-of-order ratios share the records, so their sum "
                    + "must be at most 1: " + (invalidRatio + lateRatio + outOfOrderRatio));
        }
    }

    private static void check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
        }
    }
}
