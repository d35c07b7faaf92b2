package io.clickstream.consumer.testing;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Valid events, as JSON record values and as decoded {@link ClickEvent}s. Shared by the consumer's tests. */
public final class Events {
    public static final String USER_ID = "5b1f7c1e-2f43-4c39-9d2e-8f0a1b2c3d4e";
    public static final String SESSION_ID = "a3e2d1c0-b9a8-4f7e-8d6c-5b4a39281706";
    public static final String PAGE_URL = "https://shop.example.com/p/101?Color=Red";

    private Events() {
    }

    /** A valid record value whose event time is {@code eventTime}; {@code eventId} makes each value distinct. */
    public static byte[] json(String eventId, Instant eventTime) {
        return ("{\"event_id\":\"" + eventId + "\",\"user_id\":\"" + USER_ID + "\",\"session_id\":\"" + SESSION_ID
                + "\",\"event_type\":\"view_product\",\"timestamp\":\"" + eventTime + "\",\"page_url\":\"" + PAGE_URL
                + "\",\"product_id\":101,\"ip_address\":\"192.168.1.1\",\"device\":\"mobile\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] json(Instant eventTime) {
        return json(UUID.randomUUID().toString(), eventTime);
    }

    /** A valid record value padded with a user agent of {@code padding} random-ish characters (to grow files). */
    public static byte[] jsonWithPadding(Instant eventTime, int padding, long seed) {
        var agent = new StringBuilder(padding);
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < padding; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            agent.append((char) ('a' + Math.floorMod(x, 26)));
        }
        return ("{\"event_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + USER_ID + "\",\"session_id\":\""
                + SESSION_ID + "\",\"event_type\":\"click\",\"timestamp\":\"" + eventTime + "\",\"page_url\":\""
                + PAGE_URL + "\",\"user_agent\":\"" + agent + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] notJson() {
        return "{not json".getBytes(StandardCharsets.UTF_8);
    }

    public static ClickEvent event(String eventId, Instant eventTime) {
        return new ClickEvent(eventId, USER_ID, SESSION_ID, EventType.VIEW_PRODUCT, eventTime, PAGE_URL, 101L,
                "192.168.1.1", null, "Mozilla/5.0", "mobile");
    }
}
