package io.clickstream.common.validation;

import java.util.List;
import java.util.Objects;

/**
 * The fields of a record as the JSON carried them, before any rule is applied. A timestamp may
 * arrive as text or as an integer, so both slots exist; {@code typeViolations} holds the fields
 * whose JSON type was wrong (they are then {@code null} here).
 *
 * <p>{@code plainText}: the record's bytes hold no JSON escape, no DEL and no C1 control, so no string
 * in it can hold a control character or a lone surrogate, and the validator need not look for them.
 *
 * <p>{@code source}: where the strings lie in the record's bytes, when the reader knows ({@code null} otherwise).
 * It is how the event was read, not what it says: two events compare by their fields alone, as
 * {@link DecodeResult.Valid} does.
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

    @Override
    public boolean equals(Object other) {
        return other instanceof RawEvent o && Objects.equals(eventId, o.eventId) && Objects.equals(userId, o.userId)
                && Objects.equals(sessionId, o.sessionId) && Objects.equals(eventType, o.eventType)
                && Objects.equals(timestampText, o.timestampText) && Objects.equals(timestampMillis, o.timestampMillis)
                && Objects.equals(pageUrl, o.pageUrl) && Objects.equals(productId, o.productId)
                && Objects.equals(ipAddress, o.ipAddress) && Objects.equals(referrer, o.referrer)
                && Objects.equals(userAgent, o.userAgent) && Objects.equals(device, o.device)
                && typeViolations.equals(o.typeViolations) && plainText == o.plainText;
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, userId, sessionId, eventType, timestampText, timestampMillis, pageUrl, productId,
                ipAddress, referrer, userAgent, device, typeViolations, plainText);
    }
}
