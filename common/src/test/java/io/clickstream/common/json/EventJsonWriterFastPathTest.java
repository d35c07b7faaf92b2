package io.clickstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.common.testing.Generators;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A reused writer gives exactly Jackson's bytes, whichever path it takes: printable ASCII written by
 * hand, anything else (escapes, UTF-8, lone surrogates, odd years, any nanosecond) by Jackson.
 */
class EventJsonWriterFastPathTest {
    private static final ClickEvent BASE = new ClickEvent("e-1", "u-1", "s-1", EventType.ADD_TO_CART,
            Instant.parse("2026-01-19T10:15:30.120Z"), "https://shop.example.com/p/101?Ref=Home", 101L, "10.0.0.1",
            "https://www.google.com/", "Mozilla/5.0 (X11; Linux x86_64)", "mobile");

    private final EventJsonWriter writer = new EventJsonWriter();

    /** The same bytes, or the same exception where Jackson refuses (a lone surrogate it cannot encode). */
    private void assertSameAsJackson(ClickEvent event) {
        byte[] expected;
        try {
            expected = EventJsonWriter.writeWithJackson(event);
        } catch (RuntimeException jacksonRefused) {
            assertThatThrownBy(() -> writer.toJson(event)).as("%s", event).isInstanceOf(jacksonRefused.getClass())
                    .hasMessage(jacksonRefused.getMessage());
            return;
        }
        assertThat(writer.toJson(event)).as("%s", event).isEqualTo(expected);
    }

    @Test
    void randomNormalizedEventsComeOutAsJacksonWritesThem() {
        SplittableRandom random = Generators.random("fast path / normalized");
        for (int i = 0; i < 20_000; i++) {
            assertSameAsJackson(Generators.normalizedEvent(random, i % 3 == 0 ? 0.0 : 0.3));
        }
    }

    @Test
    void everyCharInEveryStringFieldComesOutAsJacksonWritesIt() {
        for (char c = 0; c < 0xFFFF; c++) {
            String s = "a" + c + "b";
            assertSameAsJackson(new ClickEvent(s, s, s, EventType.SEARCH, BASE.timestamp(), s, null, s, s, s, s));
            assertSameAsJackson(new ClickEvent(null, "u", "s", EventType.SEARCH, BASE.timestamp(), "p", 5L, null, null, s, null));
            assertSameAsJackson(new ClickEvent("e", "u", "s", EventType.SEARCH, BASE.timestamp(), "p", null, null, null, null,
                    String.valueOf(c)));
        }
        assertSameAsJackson(BASE.withTimestamp(BASE.timestamp())); // the fast path still works after fallbacks
    }

    @Test
    void arbitraryStringsComeOutAsJacksonWritesThem() {
        SplittableRandom random = Generators.random("fast path / any strings");
        for (String edge : Generators.STRING_EDGE_CASES) {
            assertSameAsJackson(new ClickEvent(edge, edge, edge, EventType.PAGE_VIEW, BASE.timestamp(), edge, 0L,
                    edge, edge, edge, edge));
        }
        for (int i = 0; i < 20_000; i++) {
            assertSameAsJackson(new ClickEvent(Generators.anyString(random), Generators.anyString(random),
                    Generators.anyString(random), EventType.PAGE_VIEW, BASE.timestamp(), Generators.anyString(random),
                    null, Generators.anyString(random), Generators.anyString(random), Generators.anyString(random),
                    Generators.anyString(random)));
        }
    }

    @Test
    void anyInstantComesOutAsInstantToString() {
        SplittableRandom random = Generators.random("fast path / instants");
        for (Instant edge : Generators.INSTANT_EDGE_CASES) {
            assertSameAsJackson(BASE.withTimestamp(edge));
        }
        for (Instant edge : new Instant[] {Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.EPOCH.minusNanos(1),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1)}) {
            assertSameAsJackson(BASE.withTimestamp(edge));
        }
        for (int i = 0; i < 50_000; i++) {
            long second = switch (random.nextInt(3)) {
                case 0 -> random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1);
                case 1 -> random.nextLong(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400); // years 0000-9999
                default -> 1_768_780_800L + random.nextInt(86_400 * 3); // consecutive events share a second
            };
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            assertSameAsJackson(BASE.withTimestamp(Instant.ofEpochSecond(second, nano)));
        }
    }

    @Test
    void anyProductIdComesOutAsJacksonWritesIt() {
        SplittableRandom random = Generators.random("fast path / product ids");
        for (long edge : Generators.LONG_EDGE_CASES) {
            assertSameAsJackson(withProduct(edge));
        }
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            assertSameAsJackson(withProduct(power));
            assertSameAsJackson(withProduct(power - 1));
            assertSameAsJackson(withProduct(-power));
        }
        for (int i = 0; i < 20_000; i++) {
            assertSameAsJackson(withProduct(Generators.anyLong(random)));
        }
    }

    @Test
    void theOneOffWriterAgreesWithAReusedOne() {
        SplittableRandom random = Generators.random("fast path / one-off");
        for (int i = 0; i < 1_000; i++) {
            ClickEvent event = Generators.normalizedEvent(random);
            assertThat(EventJsonWriter.write(event)).isEqualTo(writer.toJson(event));
        }
    }

    private static ClickEvent withProduct(long productId) {
        return new ClickEvent(BASE.eventId(), BASE.userId(), BASE.sessionId(), BASE.eventType(), BASE.timestamp(),
                BASE.pageUrl(), productId, BASE.ipAddress(), BASE.referrer(), BASE.userAgent(), BASE.device());
    }
}
