package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FunnelTest {
    private final SplittableRandom random = new SplittableRandom(11);

    private Session session(Step step) {
        var session = new Session("s", new User(0, "u", "desktop", "ua", "1.2.3.4"));
        session.step = step;
        return session;
    }

    @Test
    void aProductPageLeadsToAddToCartWithTheConfiguredProbability() {
        var funnel = new Funnel(new FunnelSettings(0.2, 0.3, 0.7));
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
        var funnel = new Funnel(FunnelSettings.DEFAULTS);
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
        var funnel = new Funnel(new FunnelSettings(0.1, 0.35, 0.7));
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
    void settingsRejectAPurchaseRateAboveTheCheckoutRate() {
        assertThatThrownBy(() -> new FunnelSettings(0.1, 0.8, 0.7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot exceed");
    }
}
