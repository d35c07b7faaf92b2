package io.clickstream.producer.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Markov chain a visitor walks. Where to go from a page comes from fixed tables of browsing moves
 * (tuned so that a session looks like a shop's: more listing and search pages than product pages); the
 * configured rates are built in so that they hold exactly in expectation:
 *
 * <ul>
 *   <li>add_to_cart is only ever reached from a product page, with probability {@code viewToCart};</li>
 *   <li>at each add_to_cart the visitor decides, with probability {@code cartToPurchase / checkoutToPurchase},
 *       to go on to checkout ("committed": straight to checkout, or via the cart page). Checkout is reached in
 *       no other way, and completes with probability {@code checkoutToPurchase}. So each add_to_cart leads to
 *       exactly {@code cartToPurchase} purchases on average.</li>
 *   <li>after the landing page the visitor leaves with the bounce probability, after any later page of their
 *       own choosing with the exit probability; the browsing moves share the rest. On a product page the
 *       add_to_cart share comes first, so leaving never eats into it.</li>
 * </ul>
 *
 * An abandoned checkout and a purchase have exits of their own (most visitors leave then). Moves that need
 * a non-empty cart (viewing or removing from it) are left out while the cart is empty, and the other
 * browsing moves share their weight.
 */
final class Funnel {
    private final FunnelSettings settings;
    private final double cartToCheckout;
    private final double bounce;
    private final double exit;
    private final Map<Step, Row> withCart = new EnumMap<>(Step.class);
    private final Map<Step, Row> emptyCart = new EnumMap<>(Step.class);

    Funnel(FunnelSettings settings, VisitSettings visits) {
        this.settings = settings;
        this.cartToCheckout = settings.cartToCheckout();
        this.bounce = visits.bounceProbability();
        this.exit = visits.exitProbability();
        // Browsing moves: relative weights, normalized per row (no exit, no add_to_cart here).
        row(Step.HOME_VIEW,
                Step.CATEGORY_VIEW, 0.50, Step.SEARCH, 0.32, Step.CLICK, 0.06, Step.CART_VIEW, 0.05);
        row(Step.CATEGORY_VIEW,
                Step.CATEGORY_VIEW, 0.40, Step.PRODUCT_VIEW, 0.20, Step.SEARCH, 0.15, Step.HOME_VIEW, 0.12,
                Step.CART_VIEW, 0.05, Step.CLICK, 0.03);
        row(Step.SEARCH,
                Step.SEARCH, 0.40, Step.PRODUCT_VIEW, 0.25, Step.CATEGORY_VIEW, 0.20, Step.HOME_VIEW, 0.10);
        row(Step.PRODUCT_VIEW,
                Step.CATEGORY_VIEW, 0.40, Step.SEARCH, 0.25, Step.HOME_VIEW, 0.17, Step.CART_VIEW, 0.07,
                Step.PRODUCT_VIEW, 0.05, Step.CLICK, 0.03);
        // Only the visitors who did not decide to buy at add_to_cart use this row: they look at the cart more
        // than at other products.
        row(Step.ADD_TO_CART,
                Step.CART_VIEW, 0.30, Step.CATEGORY_VIEW, 0.25, Step.REMOVE_FROM_CART, 0.15, Step.SEARCH, 0.15,
                Step.PRODUCT_VIEW, 0.08);
        row(Step.CART_VIEW,
                Step.PRODUCT_VIEW, 0.25, Step.CATEGORY_VIEW, 0.25, Step.REMOVE_FROM_CART, 0.20, Step.HOME_VIEW, 0.15,
                Step.SEARCH, 0.10);
        row(Step.REMOVE_FROM_CART,
                Step.CATEGORY_VIEW, 0.30, Step.PRODUCT_VIEW, 0.25, Step.SEARCH, 0.15, Step.CART_VIEW, 0.15,
                Step.HOME_VIEW, 0.10);
        // Their own exits: an abandoned checkout, and after buying most leave.
        row(Step.BEGIN_CHECKOUT, Step.EXIT, 0.60, Step.CART_VIEW, 0.25, Step.HOME_VIEW, 0.15);
        row(Step.PURCHASE, Step.EXIT, 0.85, Step.HOME_VIEW, 0.15);
    }

    /** The visitor's next step after {@code session} emitted its current one. */
    Step next(Session session, SplittableRandom random) {
        Step current = session.step;
        Map<Step, Row> rows = session.cart.isEmpty() ? emptyCart : withCart;
        switch (current) {
            case ADD_TO_CART -> {
                if (random.nextDouble() < cartToCheckout) {
                    session.committed = true;
                    return random.nextBoolean() ? Step.BEGIN_CHECKOUT : Step.CART_VIEW;
                }
            }
            case CART_VIEW -> {
                if (session.committed) {
                    return Step.BEGIN_CHECKOUT;
                }
            }
            case BEGIN_CHECKOUT -> {
                session.committed = false;
                return random.nextDouble() < settings.checkoutToPurchase()
                        ? Step.PURCHASE
                        : rows.get(current).pick(random.nextDouble());
            }
            case PURCHASE -> {
                return rows.get(current).pick(random.nextDouble());
            }
            case CLICK -> {
                return Step.PRODUCT_VIEW;
            }
            case EXIT -> throw new IllegalStateException("an exited session has no next step");
            default -> {
                // browsing: below
            }
        }
        double leave = session.events == 1 ? bounce : exit;
        double u = random.nextDouble();
        double left = 1;
        if (current == Step.PRODUCT_VIEW) {
            if (u < settings.viewToCart()) {
                return Step.ADD_TO_CART;
            }
            u -= settings.viewToCart();
            left -= settings.viewToCart();
        }
        if (u < leave) {
            return Step.EXIT;
        }
        return rows.get(current).pick((u - leave) / (left - leave));
    }

    private void row(Step from, Object... targetsAndWeights) {
        withCart.put(from, Row.of(targetsAndWeights, false));
        emptyCart.put(from, Row.of(targetsAndWeights, true));
    }

    private record Row(Step[] targets, double[] cumulative) {
        static Row of(Object[] targetsAndWeights, boolean cartEmpty) {
            List<Step> targets = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            double sum = 0;
            for (int i = 0; i < targetsAndWeights.length; i += 2) {
                Step target = (Step) targetsAndWeights[i];
                double weight = (Double) targetsAndWeights[i + 1];
                if (!(cartEmpty && (target == Step.CART_VIEW || target == Step.REMOVE_FROM_CART))) {
                    targets.add(target);
                    weights.add(weight);
                    sum += weight;
                }
            }
            double[] cumulative = new double[weights.size()];
            double running = 0;
            for (int i = 0; i < cumulative.length; i++) {
                running += weights.get(i) / sum;
                cumulative[i] = running;
            }
            return new Row(targets.toArray(Step[]::new), cumulative);
        }

        /** @param u uniform in [0, 1) */
        Step pick(double u) {
            for (int i = 0; i < cumulative.length - 1; i++) {
                if (u < cumulative[i]) {
                    return targets[i];
                }
            }
            return targets[targets.length - 1];
        }
    }
}
