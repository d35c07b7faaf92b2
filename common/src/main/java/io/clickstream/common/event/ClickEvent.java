package io.clickstream.common.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One validated, normalized clickstream event.
 *
 * <p>Required: {@code userId}, {@code sessionId}, {@code eventType}, {@code timestamp}, {@code pageUrl}.
 * The rest may be {@code null}: other producers may not send them. Our own producer always sets
 * {@code eventId}.
 */
public record ClickEvent(
        String eventId,
        String userId,
        String sessionId,
        EventType eventType,
        Instant timestamp,
        String pageUrl,
        Long productId,
        String ipAddress,
        String referrer,
        String userAgent,
        String device) {

    public ClickEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(pageUrl, "pageUrl");
    }

    /** A copy with another event time; used by the simulator for late and out-of-order traffic. */
    public ClickEvent withTimestamp(Instant newTimestamp) {
        return new ClickEvent(eventId, userId, sessionId, eventType, newTimestamp, pageUrl, productId,
                ipAddress, referrer, userAgent, device);
    }
}
