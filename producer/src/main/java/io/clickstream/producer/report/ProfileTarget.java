package io.clickstream.producer.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What the default profile is calibrated to: session figures where published e-commerce benchmarks put a
 * shop's. Average session 1 to 3 minutes and bounce rates of 35 to 55 % (web analytics benchmarks), session
 * conversion 1 to 4 %, cart abandonment near 70 % (Baymard Institute's average of published studies), 4 to 8
 * events per session; about two thirds of shop sessions on phones and a few percent on tablets; a minority of
 * sessions by returning visitors. A run with the default settings lands inside every range.
 *
 * <p>A session counts as a returning visitor's when the data holds an earlier session of the same user, and a
 * visitor comes back only more than a session timeout after leaving: in data spanning less than
 * {@link #RETURNING_NEEDS}, few can have, and that target is not judged.
 */
public enum ProfileTarget {
    MEAN_DURATION("mean session duration", 60, 180, Unit.SECONDS, SessionFigures::meanDurationSeconds),
    BOUNCE("bounce", 0.35, 0.55, Unit.PERCENT, SessionFigures::bounce),
    CONVERSION("session conversion", 0.01, 0.04, Unit.PERCENT, SessionFigures::conversion),
    CART_ABANDONMENT("cart abandonment", 0.65, 0.75, Unit.PERCENT, SessionFigures::cartAbandonment),
    EVENTS_PER_SESSION("events per session", 4, 8, Unit.NUMBER, SessionFigures::eventsPerSession),
    RETURNING_USERS("returning users' sessions", 0.20, 0.35, Unit.PERCENT, SessionFigures::returningShare) {
        @Override
        public boolean applies(SessionFigures figures) {
            return figures.first() != null
                    && Duration.between(figures.first(), figures.last()).compareTo(RETURNING_NEEDS) >= 0;
        }
    },
    MOBILE("mobile sessions", 0.60, 0.75, Unit.PERCENT, f -> f.deviceShare("mobile")),
    DESKTOP("desktop sessions", 0.20, 0.35, Unit.PERCENT, f -> f.deviceShare("desktop")),
    TABLET("tablet sessions", 0.02, 0.08, Unit.PERCENT, f -> f.deviceShare("tablet"));

    /** The span of event time from which on returning visitors are judged. */
    public static final Duration RETURNING_NEEDS = Duration.ofHours(3);

    enum Unit { SECONDS, PERCENT, NUMBER }

    private final String label;
    private final double low;
    private final double high;
    private final Unit unit;
    private final ToDoubleFunction<SessionFigures> measure;

    ProfileTarget(String label, double low, double high, Unit unit, ToDoubleFunction<SessionFigures> measure) {
        this.label = label;
        this.low = low;
        this.high = high;
        this.unit = unit;
        this.measure = measure;
    }

    public String label() {
        return label;
    }

    public double measured(SessionFigures figures) {
        return measure.applyAsDouble(figures);
    }

    /** Whether the figures can tell (returning visitors need data spanning hours). */
    public boolean applies(SessionFigures figures) {
        return true;
    }

    public boolean holds(SessionFigures figures) {
        double value = measured(figures);
        return value >= low && value <= high;
    }

    /** The targets that apply and that the figures miss, each as {@code label measured (target range)}. */
    public static List<String> misses(SessionFigures figures) {
        return Arrays.stream(values()).filter(t -> t.applies(figures) && !t.holds(figures))
                .map(t -> t.label + " " + t.format(t.measured(figures)) + " (target " + t.range() + ")").toList();
    }

    /** The measured value with its unit: {@code 101.8 s}, {@code 44.7 %}, {@code 5.23}. */
    public String format(double value) {
        return switch (unit) {
            case SECONDS -> String.format(Locale.ROOT, "%.1f s", value);
            case PERCENT -> String.format(Locale.ROOT, "%.1f %%", value * 100);
            case NUMBER -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    /** The target range: {@code 60-180 s}, {@code 35-55 %}, {@code 4-8}. */
    public String range() {
        return switch (unit) {
            case SECONDS -> plain(low) + "-" + plain(high) + " s";
            case PERCENT -> plain(Math.round(low * 1000) / 10.0) + "-" + plain(Math.round(high * 1000) / 10.0) + " %";
            case NUMBER -> plain(low) + "-" + plain(high);
        };
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
