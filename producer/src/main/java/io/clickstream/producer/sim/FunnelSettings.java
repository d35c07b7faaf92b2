package io.clickstream.producer.sim;

/**
 * The conversion rates the simulated shop is tuned to; they show up in the output as event ratios:
 *
 * <ul>
 *   <li>{@code viewToCart} = add_to_cart events / view_product events,</li>
 *   <li>{@code cartToPurchase} = purchase events / add_to_cart events,</li>
 *   <li>{@code checkoutToPurchase} = purchase events / begin_checkout events
 *       (so at most {@code cartToPurchase <= checkoutToPurchase} is possible).</li>
 * </ul>
 */
public record FunnelSettings(double viewToCart, double cartToPurchase, double checkoutToPurchase) {
    public static final FunnelSettings DEFAULTS = new FunnelSettings(0.10, 0.30, 0.70);

    public FunnelSettings {
        check("viewToCart", viewToCart);
        check("cartToPurchase", cartToPurchase);
        check("checkoutToPurchase", checkoutToPurchase);
        if (cartToPurchase > checkoutToPurchase) {
            throw new IllegalArgumentException("cartToPurchase " + cartToPurchase
                    + " cannot exceed checkoutToPurchase " + checkoutToPurchase + ": every purchase passes checkout");
        }
    }

    /** The share of add_to_cart events that go on to checkout. */
    double cartToCheckout() {
        return checkoutToPurchase == 0 ? 0 : cartToPurchase / checkoutToPurchase;
    }

    private static void check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
        }
    }
}
