package io.clickstream.common.json;

import static io.clickstream.common.testing.Decoding.decode;
import static io.clickstream.common.testing.Decoding.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonWriterTest {
    private static final ClickEvent FULL = new ClickEvent("e-1", "u-1", "s-1", EventType.ADD_TO_CART,
            Instant.parse("2026-01-19T10:15:30Z"), "https://shop.example.com/p/101?Ref=Home", 101L, "2001:db8::1",
            "https://www.google.com/", "Mozilla/5.0", "mobile");
    private static final ClickEvent MINIMAL = new ClickEvent(null, "u-1", "s-1", EventType.PAGE_VIEW,
            Instant.parse("2026-01-19T10:15:30Z"), "https://shop.example.com/", null, null, null, null, null);

    @Test
    void writesCompactJsonWithTheFieldsInAFixedOrder() {
        assertThat(json(FULL)).isEqualTo("{\"event_id\":\"e-1\",\"user_id\":\"u-1\",\"session_id\":\"s-1\","
                + "\"event_type\":\"add_to_cart\",\"timestamp\":\"2026-01-19T10:15:30Z\","
                + "\"page_url\":\"https://shop.example.com/p/101?Ref=Home\",\"product_id\":101,"
                + "\"ip_address\":\"2001:db8::1\",\"referrer\":\"https://www.google.com/\","
                + "\"user_agent\":\"Mozilla/5.0\",\"device\":\"mobile\"}");
    }

    @Test
    void leavesOutAbsentOptionalFieldsRatherThanWritingNull() {
        assertThat(json(MINIMAL)).isEqualTo("{\"user_id\":\"u-1\",\"session_id\":\"s-1\",\"event_type\":\"page_view\","
                + "\"timestamp\":\"2026-01-19T10:15:30Z\",\"page_url\":\"https://shop.example.com/\"}");
    }

    @Test
    void writesTheTimestampAsUtcIsoTextKeepingFractionalSeconds() throws Exception {
        ClickEvent event = FULL.withTimestamp(Instant.parse("2026-01-19T10:15:30.123456789Z"));

        assertThat(new ObjectMapper().readTree(EventJsonWriter.write(event)).get("timestamp").asText())
                .isEqualTo("2026-01-19T10:15:30.123456789Z");
    }

    @Test
    void writesTheProductIdAsAJsonInteger() throws Exception {
        var tree = new ObjectMapper().readTree(EventJsonWriter.write(FULL));

        assertThat(tree.get("product_id").isIntegralNumber()).isTrue();
        assertThat(tree.get("product_id").asLong()).isEqualTo(101L);
    }

    @Test
    void writesTheSameBytesForEqualEvents() {
        ClickEvent copy = new ClickEvent(FULL.eventId(), FULL.userId(), FULL.sessionId(), FULL.eventType(),
                FULL.timestamp(), FULL.pageUrl(), FULL.productId(), FULL.ipAddress(), FULL.referrer(),
                FULL.userAgent(), FULL.device());

        assertThat(EventJsonWriter.write(copy)).isEqualTo(EventJsonWriter.write(FULL));
        assertThat(EventJsonWriter.write(FULL)).isEqualTo(EventJsonWriter.write(FULL));
    }

    @Test
    void writesNonAsciiAsUtf8AndEscapesWhatJsonRequiresSoItDecodesBack() {
        ClickEvent event = new ClickEvent("e-1", "u-\"quoted\"\\", "s-1", EventType.SEARCH, FULL.timestamp(),
                FULL.pageUrl(), null, null, null, "Caf\u00e9 \ud83d\uded2 </script>", null);

        String json = json(event);

        assertThat(json).contains("\"user_id\":\"u-\\\"quoted\\\"\\\\\"").contains("Caf\u00e9 ").contains("</script>");
        assertThat(valid(decode(EventJsonWriter.write(event)))).isEqualTo(event);
    }

    @Test
    void decodesBackToTheSameEvent() {
        for (ClickEvent event : List.of(FULL, MINIMAL)) {
            assertThat(valid(decode(EventJsonWriter.write(event)))).isEqualTo(event);
        }
    }

    private static String json(ClickEvent event) {
        return new String(EventJsonWriter.write(event), StandardCharsets.UTF_8);
    }
}
