package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.json.EventJsonWriter;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClickstreamGeneratorTest {
    private static final Instant START = Instant.parse("2026-01-19T08:00:00Z");
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final MutableClock clock = new MutableClock(START);

    private List<ClickEvent> generate(SimulationSettings settings, long seed, int count, Duration step) {
        var generator = new ClickstreamGenerator(settings, seed, clock);
        var events = new ArrayList<ClickEvent>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next());
            clock.advance(step);
        }
        return events;
    }

    private List<ClickEvent> generate(int count) {
        return generate(SimulationSettings.DEFAULTS, 42, count, Duration.ofMillis(10));
    }

    @Test
    void everyEventIsValidForTheConsumerAndSurvivesDecodingUnchanged() {
        var decoder = new EventDecoder(1 << 20);
        for (ClickEvent event : generate(10_000)) {
            DecodeResult result = decoder.decode(EventJsonWriter.write(event));
            assertThat(result).isEqualTo(new DecodeResult.Valid(event));
        }
    }

    @Test
    void eventsCarryTheClockTimeAndUniqueVersion4Ids() {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1, clock);
        var ids = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            clock.advance(Duration.ofNanos(1_234_567));
            ClickEvent event = generator.next();
            assertThat(event.timestamp()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
            assertThat(event.eventId()).matches(UUID_V4);
            assertThat(event.userId()).matches(UUID_V4);
            assertThat(event.sessionId()).matches(UUID_V4);
            assertThat(ids.add(event.eventId())).as("unique event id").isTrue();
        }
    }

    @Test
    void pageUrlsAndProductIdsMatchTheEventType() {
        for (ClickEvent e : generate(100_000)) {
            String path = e.pageUrl().substring("https://shop.example.com".length());
            switch (e.eventType()) {
                case VIEW_PRODUCT -> assertThat(path).startsWith("/p/" + e.productId());
                case ADD_TO_CART, REMOVE_FROM_CART -> {
                    assertThat(path).isEqualTo("/cart");
                    assertThat(e.productId()).isNotNull();
                }
                case SEARCH -> assertThat(path).startsWith("/search?q=");
                case BEGIN_CHECKOUT -> assertThat(path).isEqualTo("/checkout");
                case PURCHASE -> assertThat(path).isEqualTo("/order/confirmation");
                case CLICK -> assertThat(e.productId()).isNotNull();
                case PAGE_VIEW -> assertThat(path).matches("/(\\?utm_.*)?|/c/[a-z]+(\\?utm_.*)?|/cart");
            }
            assertThat(e.pageUrl()).startsWith("https://shop.example.com/");
        }
    }

    @Test
    void everyEventTypeOccurs() {
        var seen = new HashSet<EventType>();
        generate(100_000).forEach(e -> seen.add(e.eventType()));
        assertThat(seen).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void withinASessionPurchasesFollowCheckoutAndCheckoutFollowsAnAddToCart() {
        Map<String, List<ClickEvent>> sessions = bySession(generate(100_000));
        for (List<ClickEvent> session : sessions.values()) {
            int added = 0;
            int checkouts = 0;
            for (ClickEvent e : session) {
                switch (e.eventType()) {
                    case ADD_TO_CART -> added++;
                    case BEGIN_CHECKOUT -> {
                        assertThat(added).as("an add_to_cart before checkout").isPositive();
                        checkouts++;
                    }
                    case PURCHASE -> {
                        assertThat(checkouts).as("a checkout before each purchase").isPositive();
                        checkouts--;
                    }
                    default -> {
                    }
                }
            }
        }
    }

    @Test
    void aSessionBelongsToOneUserAndOnlyItsFirstEventHasAReferrer() {
        Map<String, List<ClickEvent>> sessions = bySession(generate(100_000));
        for (List<ClickEvent> session : sessions.values()) {
            assertThat(session.stream().map(ClickEvent::userId).distinct()).hasSize(1);
            assertThat(session.subList(1, session.size())).allSatisfy(e -> assertThat(e.referrer()).isNull());
        }
    }

    @Test
    void usersKeepTheirDeviceUserAgentAndIpAddress() {
        Map<String, Set<String>> fingerprints = new HashMap<>();
        for (ClickEvent e : generate(100_000)) {
            fingerprints.computeIfAbsent(e.userId(), k -> new HashSet<>())
                    .add(e.device() + "|" + e.userAgent() + "|" + e.ipAddress());
        }
        assertThat(fingerprints).allSatisfy((user, prints) -> assertThat(prints).hasSize(1));
        assertThat(fingerprints.values().stream().map(p -> p.iterator().next().split("\\|")[0]).distinct())
                .containsExactlyInAnyOrder("desktop", "mobile", "tablet");
    }

    @Test
    void newSessionsComeDirectlyFromSearchEnginesSocialNetworksAndCampaigns() {
        var firstEvents = new ArrayList<ClickEvent>();
        bySession(generate(100_000)).values().forEach(s -> firstEvents.add(s.get(0)));
        long direct = firstEvents.stream().filter(e -> e.referrer() == null).count();
        long search = firstEvents.stream().filter(e -> e.referrer() != null && e.referrer().matches(
                "https://(www\\.google\\.com|www\\.bing\\.com|duckduckgo\\.com|search\\.yahoo\\.com)/")).count();
        long social = firstEvents.stream().filter(e -> e.referrer() != null && e.referrer().matches(
                "https://(www\\.facebook\\.com/|www\\.instagram\\.com/|www\\.pinterest\\.com/|www\\.reddit\\.com/r/frugal/|t\\.co/[0-9A-Za-z]{10})")).count();
        List<ClickEvent> campaigns = firstEvents.stream()
                .filter(e -> e.referrer() != null && e.referrer().contains("utm_source=")).toList();
        assertThat(direct).isPositive();
        assertThat(search).isPositive();
        assertThat(social).isPositive();
        assertThat(campaigns).isNotEmpty().allSatisfy(e -> {
            assertThat(e.referrer()).contains("utm_medium=").contains("utm_campaign=");
            assertThat(e.pageUrl()).contains("?utm_source=");
        });
        // the run starts from nothing, so each session's first event here is its landing
        assertThat(direct + search + social + campaigns.size()).isEqualTo(firstEvents.size());
    }

    @Test
    void theMostPopularProductIsViewedMost() {
        Map<Long, Long> views = new HashMap<>();
        generate(100_000).stream().filter(e -> e.eventType() == EventType.VIEW_PRODUCT)
                .forEach(e -> views.merge(e.productId(), 1L, Long::sum));
        long top = views.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(top).isEqualTo(Catalog.FIRST_PRODUCT_ID);
        assertThat(views.keySet()).allSatisfy(id -> assertThat(id).isBetween(101L, 1100L));
    }

    @Test
    void aUserBackWithinTheTimeoutContinuesTheSessionAndLaterStartsANewOne() {
        var oneUser = new SimulationSettings(1, 100, 1.0, 1, Duration.ofMinutes(30),
                FunnelSettings.DEFAULTS);
        var generator = new ClickstreamGenerator(oneUser, 5, clock);
        var sessions = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < 1000; i++) {
            sessions.merge(generator.next().sessionId(), 1, Integer::sum);
            clock.advance(Duration.ofSeconds(1)); // the visitor leaves and comes back, always within 30 minutes
        }
        assertThat(sessions).hasSize(1);
        assertThat(generator.sessionsResumed()).isPositive();

        clock.advance(Duration.ofMinutes(31));
        String after = generator.next().sessionId();
        assertThat(sessions).doesNotContainKey(after);
    }

    @Test
    void theSameSeedAndClockGiveTheSameEvents() {
        List<ClickEvent> first = generate(SimulationSettings.DEFAULTS, 99, 20_000, Duration.ofMillis(3));
        clock.advance(Duration.between(clock.instant(), START)); // rewind
        List<ClickEvent> second = generate(SimulationSettings.DEFAULTS, 99, 20_000, Duration.ofMillis(3));
        assertThat(second).isEqualTo(first);
    }

    private static Map<String, List<ClickEvent>> bySession(List<ClickEvent> events) {
        var sessions = new LinkedHashMap<String, List<ClickEvent>>();
        events.forEach(e -> sessions.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e));
        return sessions;
    }
}
