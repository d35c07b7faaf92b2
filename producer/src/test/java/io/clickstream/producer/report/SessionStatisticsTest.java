package io.clickstream.producer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionStatisticsTest {
    private static final Instant T = Instant.parse("2026-01-19T10:59:00Z");
    private int ids;

    private ClickEvent event(String session, String user, String device, EventType type, int second) {
        return new ClickEvent("e" + ids++, user, session, type, T.plusSeconds(second), "https://shop.example.com/", null,
                null, null, null, device);
    }

    @Test
    void computesTheFiguresAsASessionizationOfTheLakeDoes() {
        var statistics = new SessionStatistics();
        List.of(
                event("a", "u1", "mobile", EventType.PAGE_VIEW, 0),
                event("b", "u2", "desktop", EventType.PAGE_VIEW, 5), // a bounce
                event("a", "u1", "mobile", EventType.VIEW_PRODUCT, 10),
                event("a", "u1", "mobile", EventType.ADD_TO_CART, 20),
                event("a", "u1", "mobile", EventType.BEGIN_CHECKOUT, 40),
                event("a", "u1", "mobile", EventType.PURCHASE, 60), // bought: 60 s
                event("c", "u1", "mobile", EventType.VIEW_PRODUCT, 3000), // u1 returns
                event("c", "u1", "mobile", EventType.ADD_TO_CART, 3030), // and abandons the cart: 30 s
                event("d", "u3", "tablet", EventType.VIEW_PRODUCT, 3100)) // another bounce
                .forEach(statistics::add);

        SessionFigures figures = statistics.figures();

        assertThat(figures.events()).isEqualTo(9);
        assertThat(figures.sessions()).isEqualTo(4);
        assertThat(figures.meanDurationSeconds()).isCloseTo((60 + 0 + 30 + 0) / 4.0, within(1e-9));
        assertThat(figures.bounce()).isEqualTo(0.5);
        assertThat(figures.conversion()).isEqualTo(0.25);
        assertThat(figures.cartAbandonment()).as("one of the two carts was not bought").isEqualTo(0.5);
        assertThat(figures.eventsPerSession()).isEqualTo(9 / 4.0);
        assertThat(figures.returningShare()).isEqualTo(0.25);
        assertThat(figures.deviceShares()).containsEntry("mobile", 0.5).containsEntry("desktop", 0.25)
                .containsEntry("tablet", 0.25);
        assertThat(figures.viewToCart()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(figures.cartToPurchase()).isEqualTo(0.5);
        assertThat(figures.checkoutToPurchase()).isEqualTo(1.0);
        assertThat(figures.eventsPerHour()).containsExactly(
                Map.entry(Instant.parse("2026-01-19T10:00:00Z"), 5L),
                Map.entry(Instant.parse("2026-01-19T11:00:00Z"), 4L));
        assertThat(figures.first()).isEqualTo(T);
        assertThat(figures.last()).isEqualTo(T.plusSeconds(3100));
    }

    @Test
    void noEventsGiveZerosRatherThanDivisionsByZero() {
        SessionFigures figures = new SessionStatistics().figures();
        assertThat(figures.sessions()).isZero();
        assertThat(figures.meanDurationSeconds()).isZero();
        assertThat(figures.cartAbandonment()).isZero();
        assertThat(figures.first()).isNull();
        assertThat(ProfileTarget.misses(figures)).isNotEmpty();
    }
}
