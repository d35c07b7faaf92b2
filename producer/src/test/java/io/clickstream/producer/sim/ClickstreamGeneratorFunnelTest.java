package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.producer.traffic.Imperfections;
import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.TrafficShaper;
import io.clickstream.testkit.MutableClock;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test: a million events with a fixed seed show the configured funnel, and
 * the same seed gives the same records byte for byte (imperfect traffic included).
 */
class ClickstreamGeneratorFunnelTest {
    private static final int EVENTS = 1_000_000;
    private static final long SEED = 20260119L;
    private static final Instant START = Instant.parse("2026-01-19T08:00:00Z");
    /** Relative tolerance of the issue: within ±2% of the configured value. */
    private static final double TOLERANCE = 0.02;

    /** One run: the digest of every record sent, and the event types the model generated. */
    private record Run(String digest, Map<EventType, Long> types, long records) {
        double ratio(EventType numerator, EventType denominator) {
            return (double) types.get(numerator) / types.get(denominator);
        }
    }

    @Test
    void aMillionEventsShowTheConfiguredFunnelAndTheSameSeedGivesTheSameBytes() {
        var imperfect = new Imperfections(0.02, 0.02, 0.02, 0.02);
        Run first = run(SimulationSettings.DEFAULTS, imperfect, SEED);
        Run second = run(SimulationSettings.DEFAULTS, imperfect, SEED);

        FunnelSettings funnel = SimulationSettings.DEFAULTS.funnel();
        report("defaults", first);
        assertThat(first.ratio(EventType.ADD_TO_CART, EventType.VIEW_PRODUCT))
                .isCloseTo(funnel.viewToCart(), within(funnel.viewToCart() * TOLERANCE));
        assertThat(first.ratio(EventType.PURCHASE, EventType.ADD_TO_CART))
                .isCloseTo(funnel.cartToPurchase(), within(funnel.cartToPurchase() * TOLERANCE));
        assertThat(first.ratio(EventType.PURCHASE, EventType.BEGIN_CHECKOUT))
                .isCloseTo(funnel.checkoutToPurchase(), within(funnel.checkoutToPurchase() * TOLERANCE));

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(second.records()).isEqualTo(first.records());
    }

    @Test
    void otherFunnelSettingsShowUpInTheOutputToo() {
        var funnel = new FunnelSettings(0.25, 0.45, 0.80);
        Run run = run(SimulationSettings.DEFAULTS.withFunnel(funnel), Imperfections.NONE, 7, 300_000);
        report("0.25/0.45/0.80", run);
        assertThat(run.ratio(EventType.ADD_TO_CART, EventType.VIEW_PRODUCT))
                .isCloseTo(funnel.viewToCart(), within(funnel.viewToCart() * TOLERANCE));
        assertThat(run.ratio(EventType.PURCHASE, EventType.ADD_TO_CART))
                .isCloseTo(funnel.cartToPurchase(), within(funnel.cartToPurchase() * TOLERANCE));
    }

    @Test
    void anotherSeedGivesAnotherStream() {
        Run a = run(SimulationSettings.DEFAULTS, Imperfections.NONE, 1, 10_000);
        Run b = run(SimulationSettings.DEFAULTS, Imperfections.NONE, 2, 10_000);
        assertThat(a.digest()).isNotEqualTo(b.digest());
    }

    private static Run run(SimulationSettings settings, Imperfections imperfections, long seed) {
        return run(settings, imperfections, seed, EVENTS);
    }

    /** A shop that opens at the start: every session is seen from its landing on. */
    private static Run run(SimulationSettings settings, Imperfections imperfections, long seed, int events) {
        var generator = new ClickstreamGenerator(settings, seed, START);
        var types = new EnumMap<EventType, Long>(EventType.class);
        for (EventType type : EventType.values()) {
            types.put(type, 0L);
        }
        var traffic = new TrafficShaper(() -> {
            ClickEvent event = generator.next();
            types.merge(event.eventType(), 1L, Long::sum);
            return event;
        }, imperfections, seed);
        MessageDigest digest = sha256();
        ByteBuffer lengths = ByteBuffer.allocate(8);
        for (int i = 0; i < events; i++) {
            OutgoingRecord record = traffic.next(events - i);
            lengths.clear();
            lengths.putInt(record.key().length).putInt(record.value().length);
            digest.update(lengths.array());
            digest.update(record.key());
            digest.update(record.value());
        }
        assertThat(traffic.drain()).isEmpty();
        return new Run(HexFormat.of().formatHex(digest.digest()), types, traffic.counts().total());
    }

    private static void report(String name, Run run) {
        System.out.printf(Locale.ROOT, "funnel %s: view-to-cart %.4f, cart-to-purchase %.4f, checkout-to-purchase %.4f, "
                        + "events by type %s%n", name, run.ratio(EventType.ADD_TO_CART, EventType.VIEW_PRODUCT),
                run.ratio(EventType.PURCHASE, EventType.ADD_TO_CART),
                run.ratio(EventType.PURCHASE, EventType.BEGIN_CHECKOUT), run.types());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
