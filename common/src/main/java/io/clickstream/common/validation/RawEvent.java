package io.clickstream.common.validation;

import java.util.List;

/**
 * The fields of a record as the JSON carried them, before any rule is applied. A timestamp may
 * arrive as text or as an integer, so both slots exist; {@code typeViolations} holds the fields
 * whose JSON type was wrong (they are then {@code null} here).
 */
public record RawEvent(
        String eventId,
        String userId,
        String sessionId,
        String eventType,
        String timestampText,
        Long timestampMillis,
        String pageUrl,
        Long productId,
        String ipAddress,
        String referrer,
        String userAgent,
        String device,
        List<Violation> typeViolations) {

    public RawEvent {
        typeViolations = List.copyOf(typeViolations);
    }
}
