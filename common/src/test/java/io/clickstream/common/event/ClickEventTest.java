package io.clickstream.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClickEventTest {
    private static final Instant T = Instant.parse("2026-01-19T10:15:30Z");

    @Test
    void refusesToBeBuiltWithoutARequiredField() {
        assertThatNullPointerException().isThrownBy(() -> new ClickEvent(null, null, "s", EventType.CLICK, T, "https://x.io/",
                null, null, null, null, null)).withMessage("userId");
        assertThatNullPointerException().isThrownBy(() -> new ClickEvent(null, "u", null, EventType.CLICK, T, "https://x.io/",
                null, null, null, null, null)).withMessage("sessionId");
        assertThatNullPointerException().isThrownBy(() -> new ClickEvent(null, "u", "s", null, T, "https://x.io/",
                null, null, null, null, null)).withMessage("eventType");
        assertThatNullPointerException().isThrownBy(() -> new ClickEvent(null, "u", "s", EventType.CLICK, null, "https://x.io/",
                null, null, null, null, null)).withMessage("timestamp");
        assertThatNullPointerException().isThrownBy(() -> new ClickEvent(null, "u", "s", EventType.CLICK, T, null,
                null, null, null, null, null)).withMessage("pageUrl");
    }

    @Test
    void changesOnlyTheTimestampWithTimestamp() {
        var event = new ClickEvent("e", "u", "s", EventType.PURCHASE, T, "https://x.io/", 7L, "1.2.3.4", "https://r.io/",
                "ua", "tv");

        var moved = event.withTimestamp(T.minusSeconds(3600));

        assertThat(moved.timestamp()).isEqualTo(T.minusSeconds(3600));
        assertThat(moved).usingRecursiveComparison().ignoringFields("timestamp").isEqualTo(event);
    }
}
