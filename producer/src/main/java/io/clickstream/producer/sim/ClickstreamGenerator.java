package io.clickstream.producer.sim;

import io.clickstream.common.event.ClickEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The clickstream model as a timeline. Sessions land at their arrival times ({@link SessionArrivals}: a
 * Poisson process at {@code sessionsPerSecond}, on the {@link DailyCurve} when {@code diurnal}); each walks
 * the {@link Funnel}, and its next event follows a {@link ThinkTime} after the last. A session ends when its
 * visitor exits, or when a think time is longer than the session timeout (the visitor never came back).
 * {@link #next()} returns the events of all sessions in event-time order: a priority queue holds every
 * session in progress by the time of its next event, so thousands of sessions interleave as they would on a
 * real site, and a session's events are spaced like a person's clicks whatever the send rate.
 *
 * <p>It reads no clock: the caller decides when an event may go ({@link #nextEventNanos()} tells when the
 * next one is due). A warm-up starts the shop before the start: the sessions in progress at the start are
 * there from the first event on, as in a shop that was already open, and nothing before the start is
 * returned.
 *
 * <p>Pure and single-threaded: with the same seed, settings, start and warm-up, it returns the same events,
 * ids included.
 */
public final class ClickstreamGenerator implements Supplier<ClickEvent> {
    private final SplittableRandom random;
    private final UserPopulation users;
    private final Clientele clientele;
    private final Catalog catalog;
    private final Funnel funnel;
    private final ThinkTime thinkTime;
    private final SessionArrivals arrivals;
    private final long timeoutNanos;
    /** Every session in progress, by the time of its next event. */
    private final SessionQueue timeline = new SessionQueue();

    private long sessionsStarted;
    private long arrivalsTurnedAway;
    private long eventsEmitted;

    /** A shop that opens at {@code start}: its first session lands then. */
    public ClickstreamGenerator(SimulationSettings settings, long seed, Instant start) {
        this(settings, seed, start, Duration.ZERO);
    }

    /**
     * @param start the time of the first event returned (none is earlier)
     * @param warmUp how long the shop has been open at {@code start}
     */
    public ClickstreamGenerator(SimulationSettings settings, long seed, Instant start, Duration warmUp) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(start, "start");
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("warm-up cannot be negative: " + warmUp);
        }
        this.random = new SplittableRandom(seed);
        this.users = new UserPopulation(Ids.mix(seed, -1), settings.users());
        this.timeoutNanos = settings.sessionTimeout().toNanos();
        this.clientele = new Clientele(settings.users(), settings.visits().returningShare(), timeoutNanos);
        this.catalog = new Catalog(settings.products(), settings.zipfExponent());
        this.funnel = new Funnel(settings.funnel(), settings.visits());
        this.thinkTime = new ThinkTime(settings.visits().medianThinkTime());
        long startNanos = epochNanos(start);
        this.arrivals = new SessionArrivals(settings.sessionsPerSecond(),
                settings.diurnal() ? DailyCurve.SHOP : DailyCurve.FLAT, startNanos - warmUp.toNanos(),
                new SplittableRandom(Ids.mix(seed, -2)));
        while (nextEventNanos() < startNanos) {
            step(false); // the shop before the start: same draws, no events made
        }
        eventsEmitted = 0;
    }

    @Override
    public ClickEvent get() {
        return next();
    }

    /** The next event in event-time order. */
    public ClickEvent next() {
        eventsEmitted++;
        return step(true);
    }

    /**
     * Epoch nanoseconds of the event {@link #next()} returns next (its timestamp is this, truncated to the
     * millisecond). Calling it changes nothing that the events show.
     */
    public long nextEventNanos() {
        admitArrivals();
        return timeline.peekTime();
    }

    public long sessionsStarted() {
        return sessionsStarted;
    }

    /** Arrivals that found every user on the site or just gone (a population too small for the rate). */
    public long arrivalsTurnedAway() {
        return arrivalsTurnedAway;
    }

    public int activeSessions() {
        return timeline.size();
    }

    public long eventsEmitted() {
        return eventsEmitted;
    }

    public Catalog catalog() {
        return catalog;
    }

    public UserPopulation users() {
        return users;
    }

    /** Emits the earliest session's event and schedules its visitor's next one. */
    private ClickEvent step(boolean make) {
        admitArrivals();
        Session session = timeline.peek();
        ClickEvent event = emit(session, make);
        Step following = funnel.next(session, random);
        if (following == Step.EXIT) {
            leave(session);
            return event;
        }
        long gap = thinkTime.after(session.step, random);
        if (gap > timeoutNanos) {
            leave(session); // away longer than the timeout: whatever comes next is another session
            return event;
        }
        session.previousPage = session.step.page() == null ? session.previousPage : session.step.page();
        session.step = following;
        session.nextEventNanos += gap;
        timeline.updateTop();
        return event;
    }

    /** Puts every session that lands no later than the earliest pending event on the timeline. */
    private void admitArrivals() {
        while (true) {
            long arrival = arrivals.peek();
            if (timeline.peekTime() <= arrival) {
                return;
            }
            arrivals.advance();
            int user = clientele.arrive(arrival, random);
            if (user < 0) {
                arrivalsTurnedAway++;
                continue;
            }
            var session = new Session(random.nextLong(), random.nextLong(), user);
            Referrers.Landing landing = Referrers.landing(random);
            session.step = landing.step();
            session.pendingReferrer = landing.referrer();
            session.pendingLandingQuery = landing.landingQuery();
            session.nextEventNanos = arrival;
            sessionsStarted++;
            timeline.add(session);
        }
    }

    /** Ends the session at the top of the timeline. */
    private void leave(Session session) {
        timeline.removeTop();
        if (session.seen) {
            clientele.left(session.userIndex, session.nextEventNanos);
        }
        // A visit that ended during the warm-up is in no data: its visitor does not come back, so that every
        // returning visitor's earlier visit is in the stream (and a sessionization can tell them apart).
    }

    /** The session's current step as an event; {@code null} without {@code make}, after the same draws. */
    private ClickEvent emit(Session session, boolean make) {
        session.events++;
        Step step = session.step;
        String url;
        Long productId = null;
        switch (step) {
            case HOME_VIEW -> url = Catalog.homeUrl();
            case CATEGORY_VIEW -> {
                session.category = session.currentProduct > 0 && random.nextBoolean()
                        ? Catalog.categoryOf(session.currentProduct)
                        : Catalog.randomCategory(random);
                url = Catalog.urlOfCategory(session.category);
            }
            case SEARCH -> url = Catalog.randomSearchUrl(random);
            case PRODUCT_VIEW -> {
                long product;
                if (session.clickedProduct > 0) {
                    product = session.clickedProduct;
                    session.clickedProduct = 0;
                } else if (session.previousPage == PageType.CATEGORY && session.category != null) {
                    product = catalog.productIn(session.category, random);
                } else {
                    product = catalog.product(random);
                }
                session.currentProduct = product;
                productId = product;
                url = catalog.urlOf(product);
            }
            case CLICK -> {
                long product = session.previousPage == PageType.CATEGORY && session.category != null
                        ? catalog.productIn(session.category, random)
                        : catalog.product(random);
                session.clickedProduct = product;
                productId = product;
                url = session.currentUrl == null ? Catalog.homeUrl() : session.currentUrl;
            }
            case ADD_TO_CART -> {
                session.cart.add(session.currentProduct);
                productId = session.currentProduct;
                url = Catalog.cartUrl();
            }
            case CART_VIEW -> url = Catalog.cartUrl();
            case REMOVE_FROM_CART -> {
                productId = session.cart.remove(random.nextInt(session.cart.size()));
                url = Catalog.cartUrl();
            }
            case BEGIN_CHECKOUT -> url = Catalog.checkoutUrl();
            case PURCHASE -> {
                session.cart.clear();
                url = Catalog.confirmationUrl();
            }
            default -> throw new IllegalStateException("no event for step " + step);
        }
        String referrer = null;
        if (session.pendingLandingQuery != null) {
            url = url + session.pendingLandingQuery;
            referrer = session.pendingReferrer;
            session.pendingLandingQuery = null;
            session.pendingReferrer = null;
        }
        if (step != Step.CLICK) {
            session.currentUrl = url;
        }
        if (!make) {
            Ids.skipUuid(random);
            return null;
        }
        session.seen = true;
        if (session.user == null) {
            session.user = users.user(session.userIndex);
        }
        User user = session.user;
        return new ClickEvent(Ids.uuid(random), user.userId(), session.sessionId(), step.eventType(),
                Instant.ofEpochMilli(Math.floorDiv(session.nextEventNanos, 1_000_000L)), url, productId,
                user.ipAddress(), referrer, user.userAgent(), user.device());
    }

    private static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
