package io.clickstream.producer.report;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a sessionization of some events shows (see {@link SessionStatistics} for the definitions).
 *
 * @param meanDurationSeconds last event minus first, averaged over sessions (a single event counts as 0 s)
 * @param bounce share of single-event sessions
 * @param conversion share of sessions with a purchase
 * @param cartAbandonment share of the sessions with an add_to_cart that have no purchase
 * @param returningShare share of sessions whose user had an earlier session
 * @param deviceShares share of sessions per device
 * @param eventsPerHour events per hour of event time (UTC)
 * @param first the earliest event time, {@code null} without events
 * @param last the latest event time, {@code null} without events
 */
public record SessionFigures(long events, long sessions, double meanDurationSeconds, double bounce, double conversion,
        double cartAbandonment, double eventsPerSession, double returningShare, Map<String, Double> deviceShares,
        SortedMap<Instant, Long> eventsPerHour, double viewToCart, double cartToPurchase, double checkoutToPurchase,
        Instant first, Instant last) {

    public SessionFigures {
        deviceShares = Map.copyOf(deviceShares);
        eventsPerHour = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(eventsPerHour));
    }

    public double deviceShare(String device) {
        return deviceShares.getOrDefault(device, 0.0);
    }
}
