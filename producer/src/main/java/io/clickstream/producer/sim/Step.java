package io.clickstream.producer.sim;

import io.clickstream.common.event.EventType;

/**
 * One move of a visitor: the page it lands on and the event it emits. A click happens on the page
 * the visitor is already on, so it has no page of its own. {@link #EXIT} ends the visit.
 */
enum Step {
    HOME_VIEW(PageType.HOME, EventType.PAGE_VIEW),
    CATEGORY_VIEW(PageType.CATEGORY, EventType.PAGE_VIEW),
    SEARCH(PageType.SEARCH, EventType.SEARCH),
    PRODUCT_VIEW(PageType.PRODUCT, EventType.VIEW_PRODUCT),
    /** A promotion or recommendation tile; always followed by that product's page. */
    CLICK(null, EventType.CLICK),
    ADD_TO_CART(PageType.CART, EventType.ADD_TO_CART),
    CART_VIEW(PageType.CART, EventType.PAGE_VIEW),
    REMOVE_FROM_CART(PageType.CART, EventType.REMOVE_FROM_CART),
    BEGIN_CHECKOUT(PageType.CHECKOUT, EventType.BEGIN_CHECKOUT),
    PURCHASE(PageType.PURCHASE_CONFIRMATION, EventType.PURCHASE),
    EXIT(null, null);

    private final PageType page;
    private final EventType eventType;

    Step(PageType page, EventType eventType) {
        this.page = page;
        this.eventType = eventType;
    }

    PageType page() {
        return page;
    }

    EventType eventType() {
        return eventType;
    }
}
