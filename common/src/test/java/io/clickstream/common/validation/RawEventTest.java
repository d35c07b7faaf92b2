package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawEventTest {
    private static final byte[] RECORD = "{\"event_id\":\"e\"}".getBytes(StandardCharsets.UTF_8);

    /** A reader's view of a record's bytes: how the event was read, not what it says. */
    private static final class Source implements SourceText {
        @Override
        public byte[] bytes() {
            return RECORD;
        }

        @Override
        public long span(String value) {
            return -1;
        }
    }

    private static RawEvent event(String eventId, boolean plainText, SourceText source) {
        return new RawEvent(eventId, "u", "s", "click", null, 1L, "https://a/", 7L, "10.0.0.1", null, "ua", "mobile",
                List.of(), plainText, source);
    }

    @Test
    void eventsWithTheSameFieldsAreEqualWhicheverSourceTheyWereReadFrom() {
        RawEvent read = event("e", true, new Source());
        RawEvent readAgain = event("e", true, new Source());
        RawEvent withoutSource = event("e", true, null);

        assertThat(read).isEqualTo(readAgain).isEqualTo(withoutSource).hasSameHashCodeAs(withoutSource);
    }

    @Test
    void eventsThatDifferInAFieldOrInPlainTextAreNot() {
        assertThat(event("e", true, null)).isNotEqualTo(event("f", true, null)).isNotEqualTo(event("e", false, null));
    }
}
