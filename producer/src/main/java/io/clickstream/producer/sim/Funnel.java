package io.clickstream.producer.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Markov chain a visitor walks. Most moves come from fixed tables (tuned by eye to look like a
 * web shop); the configured rates are built in so that they hold exactly in expectation:
 *
 * <ul>
 *   <li>add_to_cart is only ever reached from a product page, with probability {@code viewToCart};</li>
 *   <li>at each add_to_cart the visitor decides, with probability {@code cartToPurchase / checkoutToPurchase},
 *       to go on to checkout ("committed": straight to checkout, or via the cart page). Checkout is reached in
 *       no other way, and completes with probability {@code checkoutToPurchase}. So each add_to_cart leads to
 *       exactly {@code cartToPurchase} purchases on average.</li>
 * </ul>
 *
 * Steps that need a non-empty cart (viewing or removing from it) hand their weight to {@link Step#EXIT}
 * when the cart is empty, rather than scaling the whole row, so the product-page row keeps its exact rate.
 */
final class Funnel {
    private final FunnelSettings settings;
    private final double cartToCheckout;
    private final Map<Step, Row> withCart = new EnumMap<>(Step.class);
    private final Map<Step, Row> emptyCart = new EnumMap<>(Step.class);

    Funnel(FunnelSettings settings) {
        this.settings = settings;
        this.cartToCheckout = settings.cartToCheckout();
        double browse = 1 - settings.viewToCart();
        row(Step.HOME_VIEW,
                Step.CATEGORY_VIEW, 0.35, Step.SEARCH, 0.25, Step.CLICK, 0.15, Step.CART_VIEW, 0.05, Step.EXIT, 0.20);
        row(Step.CATEGORY_VIEW,
                Step.PRODUCT_VIEW, 0.55, Step.CLICK, 0.08, Step.CATEGORY_VIEW, 0.10, Step.SEARCH, 0.07,
                Step.HOME_VIEW, 0.05, Step.EXIT, 0.15);
        row(Step.SEARCH,
                Step.PRODUCT_VIEW, 0.60, Step.SEARCH, 0.15, Step.CATEGORY_VIEW, 0.07, Step.EXIT, 0.18);
        row(Step.CLICK, Step.PRODUCT_VIEW, 1.0);
        row(Step.PRODUCT_VIEW,
                Step.ADD_TO_CART, settings.viewToCart(),
                Step.PRODUCT_VIEW, 0.30 * browse, Step.CLICK, 0.05 * browse, Step.CATEGORY_VIEW, 0.18 * browse,
                Step.SEARCH, 0.15 * browse, Step.HOME_VIEW, 0.04 * browse, Step.CART_VIEW, 0.06 * browse,
                Step.EXIT, 0.22 * browse);
        // Only the visitors who did not decide to buy at add_to_cart use this row.
        row(Step.ADD_TO_CART,
                Step.PRODUCT_VIEW, 0.35, Step.CATEGORY_VIEW, 0.15, Step.SEARCH, 0.10, Step.CART_VIEW, 0.10,
                Step.REMOVE_FROM_CART, 0.08, Step.EXIT, 0.22);
        row(Step.CART_VIEW,
                Step.PRODUCT_VIEW, 0.30, Step.REMOVE_FROM_CART, 0.20, Step.CATEGORY_VIEW, 0.15, Step.HOME_VIEW, 0.10,
                Step.EXIT, 0.25);
        row(Step.REMOVE_FROM_CART,
                Step.PRODUCT_VIEW, 0.30, Step.CATEGORY_VIEW, 0.20, Step.SEARCH, 0.10, Step.CART_VIEW, 0.10,
                Step.EXIT, 0.30);
        // Abandoned checkout.
        row(Step.BEGIN_CHECKOUT, Step.EXIT, 0.60, Step.CART_VIEW, 0.25, Step.HOME_VIEW, 0.15);
        row(Step.PURCHASE, Step.HOME_VIEW, 0.25, Step.EXIT, 0.75);
    }

    /** The visitor's next step after {@code session} emitted its current one. */
    Step next(Session session, SplittableRandom random) {
        Step current = session.step;
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
                if (random.nextDouble() < settings.checkoutToPurchase()) {
                    return Step.PURCHASE;
                }
            }
            case EXIT -> throw new IllegalStateException("an exited session has no next step");
            default -> {
                // table below
            }
        }
        Row row = (session.cart.isEmpty() ? emptyCart : withCart).get(current);
        return row.pick(random.nextDouble());
    }

    private void row(Step from, Object... targetsAndWeights) {
        withCart.put(from, Row.of(targetsAndWeights, false));
        emptyCart.put(from, Row.of(targetsAndWeights, true));
    }

    private record Row(Step[] targets, double[] cumulative) {
        static Row of(Object[] targetsAndWeights, boolean cartEmpty) {
            List<Step> targets = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            double toExit = 0;
            for (int i = 0; i < targetsAndWeights.length; i += 2) {
                Step target = (Step) targetsAndWeights[i];
                double weight = (Double) targetsAndWeights[i + 1];
                if (cartEmpty && (target == Step.CART_VIEW || target == Step.REMOVE_FROM_CART)) {
                    toExit += weight;
                } else {
                    targets.add(target);
                    weights.add(weight);
                }
            }
            if (toExit > 0) {
                int exit = targets.indexOf(Step.EXIT);
                if (exit < 0) {
                    targets.add(Step.EXIT);
                    weights.add(toExit);
                } else {
                    weights.set(exit, weights.get(exit) + toExit);
                }
            }
            double[] cumulative = new double[weights.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalStateException("transition weights sum to " + sum + ": " + targets);
            }
            return new Row(targets.toArray(Step[]::new), cumulative);
        }

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
