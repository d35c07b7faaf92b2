package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.EnumMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FunnelTest {
    private final SplittableRandom random = new SplittableRandom(11);

    private Session session(Step step) {
        var session = new Session("s", new User(0, "u", "desktop", "ua", "1.2.3.4"));
        session.step = step;
        session.events = 2; // past the landing page
        return session;
    }

    private static Funnel funnel(FunnelSettings settings) {
        return new Funnel(settings, VisitSettings.DEFAULTS);
    }

    @Test
    void aProductPageLeadsToAddToCartWithTheConfiguredProbability() {
        var funnel = funnel(new FunnelSettings(0.2, 0.3, 0.7));
        int adds = 0;
        int trials = 200_000;
        for (int i = 0; i < trials; i++) {
            if (funnel.next(session(Step.PRODUCT_VIEW), random) == Step.ADD_TO_CART) {
                adds++;
            }
        }
        assertThat((double) adds / trials).isCloseTo(0.2, within(0.005));
    }

    @Test
    void withAnEmptyCartTheCartPagesAreNeverNext() {
        var funnel = funnel(FunnelSettings.DEFAULTS);
        for (Step from : new Step[] {Step.HOME_VIEW, Step.PRODUCT_VIEW, Step.REMOVE_FROM_CART, Step.CATEGORY_VIEW}) {
            var next = new EnumMap<Step, Integer>(Step.class);
            for (int i = 0; i < 20_000; i++) {
                next.merge(funnel.next(session(from), random), 1, Integer::sum);
            }
            assertThat(next).doesNotContainKeys(Step.CART_VIEW, Step.REMOVE_FROM_CART, Step.BEGIN_CHECKOUT, Step.PURCHASE);
        }
    }

    @Test
    void aCommittedVisitorGoesFromTheCartToCheckoutAndPurchasesWithTheCheckoutRate() {
        var funnel = funnel(new FunnelSettings(0.1, 0.35, 0.7));
        int committed = 0;
        int purchases = 0;
        int trials = 100_000;
        for (int i = 0; i < trials; i++) {
            Session s = session(Step.ADD_TO_CART);
            s.cart.add(101L);
            Step next = funnel.next(s, random);
            if (s.committed) {
                committed++;
                assertThat(next).isIn(Step.BEGIN_CHECKOUT, Step.CART_VIEW);
                s.step = next;
                if (next == Step.CART_VIEW) {
                    s.step = funnel.next(s, random);
                    assertThat(s.step).isEqualTo(Step.BEGIN_CHECKOUT);
                }
                if (funnel.next(s, random) == Step.PURCHASE) {
                    purchases++;
                }
            } else {
                assertThat(next).isNotIn(Step.BEGIN_CHECKOUT, Step.PURCHASE);
            }
        }
        assertThat((double) committed / trials).isCloseTo(0.5, within(0.01));
        assertThat((double) purchases / trials).isCloseTo(0.35, within(0.01));
    }

    @Test
    void aProductPageKeepsItsAddToCartRateOnTheLandingPageAndLater() {
        var funnel = new Funnel(new FunnelSettings(0.2, 0.3, 0.7), new VisitSettings(0.8, 0.5, Duration.ofSeconds(15), 0));
        for (int events : new int[] {1, 2}) {
            var next = new EnumMap<Step, Integer>(Step.class);
            int trials = 200_000;
            for (int i = 0; i < trials; i++) {
                Session s = session(Step.PRODUCT_VIEW);
                s.events = events;
                next.merge(funnel.next(s, random), 1, Integer::sum);
            }
            assertThat(next.get(Step.ADD_TO_CART) / (double) trials).as("add_to_cart after event %d", events)
                    .isCloseTo(0.2, within(0.005));
            assertThat(next.get(Step.EXIT) / (double) trials).as("leaving after event %d", events)
                    .isCloseTo(events == 1 ? 0.8 : 0.5, within(0.005));
        }
    }

    @Test
    void visitorsLeaveTheLandingPageWithTheBounceProbabilityAndLaterPagesWithTheExitProbability() {
        var funnel = new Funnel(FunnelSettings.DEFAULTS, new VisitSettings(0.4, 0.1, Duration.ofSeconds(15), 0));
        for (Step page : new Step[] {Step.HOME_VIEW, Step.CATEGORY_VIEW, Step.SEARCH, Step.CART_VIEW}) {
            int landingExits = 0;
            int laterExits = 0;
            int trials = 100_000;
            for (int i = 0; i < trials; i++) {
                Session landing = session(page);
                landing.events = 1;
                landingExits += funnel.next(landing, random) == Step.EXIT ? 1 : 0;
                laterExits += funnel.next(session(page), random) == Step.EXIT ? 1 : 0;
            }
            assertThat(landingExits / (double) trials).as("bounce from %s", page).isCloseTo(0.4, within(0.006));
            assertThat(laterExits / (double) trials).as("exit from %s", page).isCloseTo(0.1, within(0.004));
        }
    }

    @Test
    void aClickAlwaysOpensItsProductPageAndACommittedVisitorAlwaysReachesCheckout() {
        var funnel = new Funnel(FunnelSettings.DEFAULTS, new VisitSettings(1 - 0.1, 1 - 0.1, Duration.ofSeconds(15), 0));
        for (int i = 0; i < 10_000; i++) {
            assertThat(funnel.next(session(Step.CLICK), random)).isEqualTo(Step.PRODUCT_VIEW);
            Session committed = session(Step.CART_VIEW);
            committed.cart.add(101L);
            committed.committed = true;
            assertThat(funnel.next(committed, random)).isEqualTo(Step.BEGIN_CHECKOUT);
        }
    }

    @Test
    void settingsRejectAPurchaseRateAboveTheCheckoutRate() {
        assertThatThrownBy(() -> new FunnelSettings(0.1, 0.8, 0.7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot exceed");
    }
}
