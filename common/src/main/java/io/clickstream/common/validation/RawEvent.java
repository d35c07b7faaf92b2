package io.clickstream.common.validation;

import java.util.List;

/**
 * The fields of a record as the JSON carried them, before any rule is applied. A timestamp may
 * arrive as text or as an integer, so both slots exist; {@code typeViolations} holds the fields
 * whose JSON type was wrong (they are then {@code null} here).
 *
 * <p>{@code plainText}: the record's bytes hold no JSON escape, no DEL and no C1 control, so no string
 * in it can hold a control character or a lone surrogate, and the validator need not look for them.
 *
 * <p>{@code source}: where the strings lie in the record's bytes, when the reader knows ({@code null} otherwise).
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
        List<Violation> typeViolations,
        boolean plainText,
        SourceText source) {

    public RawEvent {
        typeViolations = List.copyOf(typeViolations);
    }

    /** Fields whose text is checked character by character. */
    public RawEvent(String eventId, String userId, String sessionId, String eventType, String timestampText,
            Long timestampMillis, String pageUrl, Long productId, String ipAddress, String referrer, String userAgent,
            String device, List<Violation> typeViolations) {
        this(eventId, userId, sessionId, eventType, timestampText, timestampMillis, pageUrl, productId, ipAddress,
                referrer, userAgent, device, typeViolations, false, null);
    }

    /** Read by a reader that does not say where the strings lie. */
    public RawEvent(String eventId, String userId, String sessionId, String eventType, String timestampText,
            Long timestampMillis, String pageUrl, Long productId, String ipAddress, String referrer, String userAgent,
            String device, List<Violation> typeViolations, boolean plainText) {
        this(eventId, userId, sessionId, eventType, timestampText, timestampMillis, pageUrl, productId, ipAddress,
                referrer, userAgent, device, typeViolations, plainText, null);
    }
}
