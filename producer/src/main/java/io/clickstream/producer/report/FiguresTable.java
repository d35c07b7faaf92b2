package io.clickstream.producer.report;

import io.clickstream.producer.sim.FunnelSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Session figures as text: each next to its target, then the funnel ratios and the events per hour. */
public final class FiguresTable {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final int BAR = 40;

    private FiguresTable() {
    }

    /** @param configured the funnel the events were made with, shown next to the measured ratios; {@code null} if unknown */
    public static List<String> lines(SessionFigures figures, FunnelSettings configured) {
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "%,d events in %,d sessions, event time %s to %s (%.1f h)", figures.events(),
                figures.sessions(), figures.first(), figures.last(), figures.first() == null ? 0.0
                        : Duration.between(figures.first(), figures.last()).toSeconds() / 3600.0));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "  %-28s %12s   %s", "figure", "measured", "target"));
        for (ProfileTarget target : ProfileTarget.values()) {
            String verdict = !target.applies(figures) ? "(not judged: less than "
                    + ProfileTarget.RETURNING_NEEDS.toHours() + " h of events)" : target.holds(figures) ? "ok" : "MISSED";
            lines.add(String.format(Locale.ROOT, "  %-28s %12s   %-10s %s", target.label(),
                    target.format(target.measured(figures)), target.range(), verdict));
        }
        lines.add(ratio("view_product -> add_to_cart", figures.viewToCart(),
                configured == null ? null : configured.viewToCart(), "--view-to-cart"));
        lines.add(ratio("add_to_cart -> purchase", figures.cartToPurchase(),
                configured == null ? null : configured.cartToPurchase(), "--cart-to-purchase"));
        lines.add(ratio("begin_checkout -> purchase", figures.checkoutToPurchase(),
                configured == null ? null : configured.checkoutToPurchase(), "--checkout-to-purchase"));
        lines.add("");
        lines.add("  events per hour (event time, UTC):");
        long busiest = figures.eventsPerHour().values().stream().mapToLong(Long::longValue).max().orElse(1);
        for (Map.Entry<Instant, Long> hour : figures.eventsPerHour().entrySet()) {
            lines.add(String.format(Locale.ROOT, "  %s %,10d %s", HOUR.format(hour.getKey()), hour.getValue(),
                    "#".repeat((int) Math.round((double) BAR * hour.getValue() / busiest))));
        }
        return lines;
    }

    private static String ratio(String label, double measured, Double configured, String flag) {
        return String.format(Locale.ROOT, "  %-28s %12.3f   %s", label, measured,
                configured == null ? "" : String.format(Locale.ROOT, "%.2f (%s)", configured, flag)).stripTrailing();
    }
}
