package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.json.EventJsonReader;
import io.clickstream.common.testing.Generators;
import io.clickstream.common.testing.RecordJson;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The validator skips its character checks for records whose bytes are plain text (no escape, DEL or
 * C1 byte). That shortcut must never change a verdict: any text in any field, decided with and without it.
 */
class PlainTextShortcutTest {
    private static final List<String> TEXT_FIELDS = List.of("event_id", "user_id", "session_id", "event_type",
            "timestamp", "page_url", "ip_address", "referrer", "user_agent", "device");

    @Test
    void theShortcutNeverChangesWhatTheValidatorDecides() throws Exception {
        SplittableRandom random = Generators.random("plainTextShortcut");
        int plain = 0;
        int notPlain = 0;
        for (int i = 0; i < 20_000; i++) {
            RecordJson json = RecordJson.valid();
            String field = TEXT_FIELDS.get(random.nextInt(TEXT_FIELDS.size()));
            String value = switch (random.nextInt(3)) {
                case 0 -> Generators.anyString(random);
                case 1 -> Generators.pick(random, "click", "mobile", "https://Shop.example.com/p/1", "2026-01-19T10:15:30Z",
                        "10.0.0.1") + Generators.anyString(random);
                default -> Generators.cleanText(random, 20);
            };
            RawEvent raw;
            try {
                raw = EventJsonReader.read(json.with(field, value).bytes());
            } catch (EventJsonReader.UnreadableRecord e) {
                continue;
            }
            RawEvent checked = new RawEvent(raw.eventId(), raw.userId(), raw.sessionId(), raw.eventType(), raw.timestampText(),
                    raw.timestampMillis(), raw.pageUrl(), raw.productId(), raw.ipAddress(), raw.referrer(), raw.userAgent(),
                    raw.device(), raw.typeViolations(), false);

            assertThat(EventValidator.validate(raw)).as("%s = %s", field, Generators.describe(value))
                    .isEqualTo(EventValidator.validate(checked));
            if (raw.plainText()) {
                plain++;
            } else {
                notPlain++;
            }
        }
        // Both kinds are common, so both paths were compared.
        assertThat(plain).isGreaterThan(2_000);
        assertThat(notPlain).isGreaterThan(2_000);
    }

    @Test
    void aRecordWithAControlCharacterIsNeverPlain() throws Exception {
        for (String control : List.of("\u0000", "\t", "\u001f", "\u007f", "\u0080", "\u009f")) {
            RawEvent raw = EventJsonReader.read(RecordJson.valid().with("user_agent", "a" + control + "b").bytes());
            assertThat(raw.plainText()).as(Generators.describe(control)).isFalse();
        }
        // A lone surrogate can only arrive as an escape, and an escape is never plain.
        assertThat(EventJsonReader.read(RecordJson.valid().withRaw("user_agent", "\"a\\ud800b\"").bytes()).plainText()).isFalse();
        assertThat(EventJsonReader.read(RecordJson.valid().with("user_agent", "caf\u00e9 \u00a0\u00bf \u20ac").bytes()).plainText())
                .as("other non-ASCII text is plain").isTrue();
    }
}
