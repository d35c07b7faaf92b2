package io.clickstream.producer.sim;

import java.util.ArrayList;
import java.util.List;

/** A visit in progress; mutable, owned by the generator. */
final class Session {
    /** The id's two halves, drawn when the session starts; the text is made at its first event sent. */
    private final long idHigh;
    private final long idLow;
    private String sessionId;
    final int userIndex;
    /** Derived at the first event sent: sessions that end during a warm-up never need it. */
    User user;
    final List<Long> cart = new ArrayList<>(4);
    Step step;
    /** Decided at add_to_cart to go through checkout. */
    boolean committed;
    /** Epoch nanoseconds of the visitor's next event (of the current one while it is emitted). */
    long nextEventNanos;
    /** Events so far, the current one included: 1 while on the landing page. */
    int events;
    /** Whether an event of it was returned (not only made during a warm-up). */
    boolean seen;
    String currentUrl;
    String category;
    long currentProduct;
    /** Set by a click, shown by the product page that follows it. */
    long clickedProduct;
    PageType previousPage;
    /** Referrer and {@code utm_} query for the first event of a visit, then {@code null}. */
    String pendingReferrer;
    String pendingLandingQuery;

    Session(long idHigh, long idLow, int userIndex) {
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.userIndex = userIndex;
    }

    /** For tests that drive the funnel with a session of their own. */
    Session(String sessionId, User user) {
        this(0, 0, user.index());
        this.sessionId = sessionId;
        this.user = user;
    }

    String sessionId() {
        if (sessionId == null) {
            sessionId = Ids.uuid(idHigh, idLow);
        }
        return sessionId;
    }
}
