package io.clickstream.producer.sim;

import java.util.ArrayList;
import java.util.List;

/** A visit in progress; mutable, owned by the generator. */
final class Session {
    final String sessionId;
    final User user;
    final List<Long> cart = new ArrayList<>(4);
    Step step;
    /** Decided at add_to_cart to go through checkout. */
    boolean committed;
    long lastEventNanos;
    String currentUrl;
    String category;
    long currentProduct;
    /** Set by a click, shown by the product page that follows it. */
    long clickedProduct;
    PageType previousPage;
    /** Referrer and {@code utm_} query for the first event of a visit, then {@code null}. */
    String pendingReferrer;
    String pendingLandingQuery;

    Session(String sessionId, User user) {
        this.sessionId = sessionId;
        this.user = user;
    }
}
