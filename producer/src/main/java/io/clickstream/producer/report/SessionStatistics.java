package io.clickstream.producer.report;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The session figures of a stream of events, computed as a sessionization query over the lake computes
 * them (the README's DuckDB query, {@code sandbox sessions}): a session is a {@code session_id}; its
 * duration is its last event's time minus its first's (0 s for a single event); bounce is the share of
 * single-event sessions; conversion the share with a purchase; cart abandonment the share of sessions with
 * an add_to_cart that have no purchase; a session is a returning user's when the same user had an earlier
 * session in the stream. Feed events in event-time order. Not thread-safe.
 */
public final class SessionStatistics {
    private static final class Visit {
        long firstMillis;
        long lastMillis;
        int events;
        boolean carted;
        boolean purchased;
    }

    private final Map<String, Visit> sessions = new HashMap<>();
    private final Set<String> users = new HashSet<>();
    private final Map<String, Long> sessionsByDevice = new TreeMap<>();
    private final Map<EventType, Long> eventsByType = new EnumMap<>(EventType.class);
    private final TreeMap<Instant, Long> eventsByHour = new TreeMap<>();
    private long returningSessions;
    private long events;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    public void add(ClickEvent event) {
        long millis = event.timestamp().toEpochMilli();
        Visit visit = sessions.get(event.sessionId());
        if (visit == null) {
            visit = new Visit();
            visit.firstMillis = millis;
            visit.lastMillis = millis;
            sessions.put(event.sessionId(), visit);
            if (!users.add(event.userId())) {
                returningSessions++;
            }
            sessionsByDevice.merge(String.valueOf(event.device()), 1L, Long::sum);
        }
        visit.firstMillis = Math.min(visit.firstMillis, millis);
        visit.lastMillis = Math.max(visit.lastMillis, millis);
        visit.events++;
        visit.carted |= event.eventType() == EventType.ADD_TO_CART;
        visit.purchased |= event.eventType() == EventType.PURCHASE;
        eventsByType.merge(event.eventType(), 1L, Long::sum);
        eventsByHour.merge(event.timestamp().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
        events++;
        firstMillis = Math.min(firstMillis, millis);
        lastMillis = Math.max(lastMillis, millis);
    }

    public SessionFigures figures() {
        long count = sessions.size();
        long durationMillis = 0;
        long single = 0;
        long purchased = 0;
        long carted = 0;
        long abandoned = 0;
        for (Visit visit : sessions.values()) {
            durationMillis += visit.lastMillis - visit.firstMillis;
            single += visit.events == 1 ? 1 : 0;
            purchased += visit.purchased ? 1 : 0;
            carted += visit.carted ? 1 : 0;
            abandoned += visit.carted && !visit.purchased ? 1 : 0;
        }
        var devices = new LinkedHashMap<String, Double>();
        sessionsByDevice.forEach((device, n) -> devices.put(device, share(n, count)));
        return new SessionFigures(events, count, count == 0 ? 0 : durationMillis / 1000.0 / count, share(single, count),
                share(purchased, count), share(abandoned, carted), share(events, count), share(returningSessions, count),
                devices, new TreeMap<>(eventsByHour),
                ratio(EventType.ADD_TO_CART, EventType.VIEW_PRODUCT), ratio(EventType.PURCHASE, EventType.ADD_TO_CART),
                ratio(EventType.PURCHASE, EventType.BEGIN_CHECKOUT),
                events == 0 ? null : Instant.ofEpochMilli(firstMillis), events == 0 ? null : Instant.ofEpochMilli(lastMillis));
    }

    private double ratio(EventType numerator, EventType denominator) {
        return share(eventsByType.getOrDefault(numerator, 0L), eventsByType.getOrDefault(denominator, 0L));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
