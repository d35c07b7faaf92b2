package io.clickstream.producer.sim;

/** The pages of the shop, the states a visitor moves between. */
public enum PageType {
    HOME,
    CATEGORY,
    SEARCH,
    PRODUCT,
    CART,
    CHECKOUT,
    PURCHASE_CONFIRMATION
}
