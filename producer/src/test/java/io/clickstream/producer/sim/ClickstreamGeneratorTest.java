package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.json.EventJsonWriter;
import io.clickstream.common.validation.DecodeResult;
import java.time.Duration;
import java.time.Instant;
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

    private static List<ClickEvent> generate(ClickstreamGenerator generator, int count) {
        var events = new ArrayList<ClickEvent>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next());
        }
        return events;
    }

    private static List<ClickEvent> generate(int count) {
        return generate(new ClickstreamGenerator(SimulationSettings.DEFAULTS, 42, START), count);
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
    void eventsComeInEventTimeOrderFromTheStartAsAnnouncedWithUniqueVersion4Ids() {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 1, START);
        var ids = new HashSet<String>();
        Instant previous = START;
        for (int i = 0; i < 20_000; i++) {
            long announced = generator.nextEventNanos();
            ClickEvent event = generator.next();
            assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(Math.floorDiv(announced, 1_000_000L)))
                    .isAfterOrEqualTo(previous);
            previous = event.timestamp();
            assertThat(event.eventId()).matches(UUID_V4);
            assertThat(event.userId()).matches(UUID_V4);
            assertThat(event.sessionId()).matches(UUID_V4);
            assertThat(ids.add(event.eventId())).as("unique event id").isTrue();
        }
    }

    @Test
    void aSessionsEventsAreSpacedByItsVisitorsThinkTimesWhileThousandsOfSessionsInterleave() {
        // about 200 events per second: the shop a run at --rate 200 simulates
        var settings = SimulationSettings.DEFAULTS.withSessionsPerSecond(200 / VisitLength.meanEventsPerSession(
                SimulationSettings.DEFAULTS));
        var generator = new ClickstreamGenerator(settings, 3, START, Duration.ofMinutes(30));
        var gaps = new ArrayList<Long>();
        var last = new HashMap<String, ClickEvent>();
        int mostActive = 0;
        for (ClickEvent event : generate(generator, 200_000)) {
            ClickEvent before = last.put(event.sessionId(), event);
            if (before != null && before.eventType() != EventType.CLICK) { // a click's page opens within a second
                gaps.add(Duration.between(before.timestamp(), event.timestamp()).toMillis());
            }
            mostActive = Math.max(mostActive, generator.activeSessions());
        }
        long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        long median = sorted[sorted.length / 2];
        long configured = VisitSettings.DEFAULTS.medianThinkTime().toMillis();
        assertThat(median).as("median gap between a visitor's events, ms").isBetween(configured * 9 / 10, configured * 11 / 10);
        assertThat(sorted[sorted.length * 99 / 100]).as("a long tail: the 99th percentile")
                .isGreaterThan(configured * 8);
        assertThat(sorted[sorted.length - 1]).as("no gap longer than the session timeout")
                .isLessThanOrEqualTo(settings.sessionTimeout().toMillis());
        assertThat(mostActive).as("sessions in progress at once").isGreaterThan(2_000);
    }

    @Test
    void aWarmStartHasSessionsInProgressAtTheStartAndReturnsNothingEarlier() {
        var cold = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 5, START);
        var warm = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 5, START, Duration.ofMinutes(30));
        assertThat(cold.activeSessions()).as("a shop opening at the start: its first visitor").isEqualTo(1);
        assertThat(warm.activeSessions()).as("sessions of a shop open for 30 minutes").isGreaterThan(200);
        List<ClickEvent> events = generate(warm, 5_000);
        assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isAfterOrEqualTo(START));
        assertThat(events.stream().filter(e -> e.referrer() == null && e.eventType() == EventType.PURCHASE))
                .as("visits already in progress: purchases whose landing was before the start").isNotEmpty();
    }

    @Test
    void aThinkTimeLongerThanTheSessionTimeoutEndsTheSession() {
        var settings = SimulationSettings.DEFAULTS.withVisits(new VisitSettings(0.45, 0.13, Duration.ofMinutes(5), 0.3));
        var shortTimeout = new SimulationSettings(settings.users(), settings.products(), settings.zipfExponent(), 1,
                Duration.ofMinutes(2), settings.funnel(), settings.visits(), false);
        var last = new HashMap<String, Instant>();
        for (ClickEvent event : generate(new ClickstreamGenerator(shortTimeout, 9, START), 20_000)) {
            Instant before = last.put(event.sessionId(), event.timestamp());
            if (before != null) {
                assertThat(Duration.between(before, event.timestamp())).isLessThanOrEqualTo(Duration.ofMinutes(2));
            }
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
    void aUserIsOnTheSiteOnceAtATimeAndComesBackOnlyAfterTheSessionTimeout() {
        var fewUsers = SimulationSettings.DEFAULTS.withUsers(50);
        Map<String, List<ClickEvent>> sessions = bySession(generate(new ClickstreamGenerator(fewUsers, 5, START), 20_000));
        Map<String, List<List<ClickEvent>>> byUser = new HashMap<>();
        sessions.values().forEach(s -> byUser.computeIfAbsent(s.get(0).userId(), k -> new ArrayList<>()).add(s));
        assertThat(byUser).hasSizeLessThanOrEqualTo(50);
        byUser.values().forEach(visits -> {
            for (int i = 1; i < visits.size(); i++) {
                List<ClickEvent> previous = visits.get(i - 1);
                Instant left = previous.get(previous.size() - 1).timestamp();
                assertThat(Duration.between(left, visits.get(i).get(0).timestamp()))
                        .as("away between two sessions of one user").isGreaterThan(fewUsers.sessionTimeout());
            }
        });
        assertThat(byUser.values().stream().mapToInt(List::size).max().orElse(0)).as("users who came back").isGreaterThan(1);
    }

    @Test
    void aboutTheReturningShareOfSessionsIsByUsersWhoCameBefore() {
        var seen = new HashSet<String>();
        long returning = 0;
        long sessions = 0;
        var started = new HashSet<String>();
        for (ClickEvent event : generate(400_000)) {
            if (started.add(event.sessionId())) {
                sessions++;
                returning += seen.add(event.userId()) ? 0 : 1;
            }
        }
        // nobody can return during the first session timeout, so the share in a run is a little below the setting
        assertThat((double) returning / sessions).isBetween(VisitSettings.DEFAULTS.returningShare() * 0.75,
                VisitSettings.DEFAULTS.returningShare());
    }

    @Test
    void theSameSeedAndStartGiveTheSameEventsWhetherOrNotTheNextTimeIsAskedFor() {
        List<ClickEvent> first = generate(new ClickstreamGenerator(SimulationSettings.DEFAULTS, 99, START,
                Duration.ofMinutes(10)), 20_000);
        var peeked = new ClickstreamGenerator(SimulationSettings.DEFAULTS, 99, START, Duration.ofMinutes(10));
        var second = new ArrayList<ClickEvent>();
        for (int i = 0; i < 20_000; i++) {
            peeked.nextEventNanos();
            second.add(peeked.next());
        }
        assertThat(second).isEqualTo(first);
    }

    private static Map<String, List<ClickEvent>> bySession(List<ClickEvent> events) {
        var sessions = new LinkedHashMap<String, List<ClickEvent>>();
        events.forEach(e -> sessions.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e));
        return sessions;
    }
}
