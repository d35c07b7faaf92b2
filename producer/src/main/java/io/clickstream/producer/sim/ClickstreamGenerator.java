package io.clickstream.producer.sim;

import io.clickstream.common.event.ClickEvent;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The clickstream model: users start sessions at a steady rate, each session walks the
 * {@link Funnel}, and every call to {@link #next()} returns the next event at the clock's now.
 *
 * <p>The caller decides how fast events are wanted (the rate limiter); the model decides which
 * event comes next. New sessions arrive as a Poisson process at {@code sessionsPerSecond} of
 * simulated time; when none is active (events wanted faster than sessions arrive), one starts at
 * once. A session ends when its visitor exits, or when it has had no event for the session timeout.
 * A user who comes back within the timeout of their last event continues the same session.
 *
 * <p>Pure and single-threaded: with the same seed, settings and clock readings, it returns the same
 * events, ids included.
 */
public final class ClickstreamGenerator implements Supplier<ClickEvent> {
    /** After a long pause (a back-fill at high speed-up), start at most this many sessions per event. */
    private static final int MAX_ARRIVALS_PER_EVENT = 64;
    private static final int USER_PICK_ATTEMPTS = 16;

    private final SplittableRandom random;
    private final InstantSource clock;
    private final UserPopulation users;
    private final Catalog catalog;
    private final Funnel funnel;
    private final double meanArrivalGapNanos;
    private final long timeoutNanos;

    private final List<Session> active = new ArrayList<>();
    private final boolean[] activeUsers;
    /** Sessions whose visitor left, by user, oldest first: they resume if the user returns in time. */
    private final LinkedHashMap<Integer, Session> idle = new LinkedHashMap<>();
    private long nextArrivalNanos = Long.MIN_VALUE;

    private long sessionsStarted;
    private long sessionsResumed;
    private long eventsEmitted;

    public ClickstreamGenerator(SimulationSettings settings, long seed, InstantSource clock) {
        Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new SplittableRandom(seed);
        this.users = new UserPopulation(Ids.mix(seed, -1), settings.users());
        this.activeUsers = new boolean[settings.users()];
        this.catalog = new Catalog(settings.products(), settings.zipfExponent());
        this.funnel = new Funnel(settings.funnel());
        this.meanArrivalGapNanos = 1e9 / settings.sessionsPerSecond();
        this.timeoutNanos = settings.sessionTimeout().toNanos();
    }

    @Override
    public ClickEvent get() {
        return next();
    }

    public ClickEvent next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long nowNanos = epochNanos(now);
        admitArrivals(nowNanos);
        while (true) {
            if (active.isEmpty()) {
                startSession(nowNanos);
            }
            int index = random.nextInt(active.size());
            Session session = active.get(index);
            if (nowNanos - session.lastEventNanos > timeoutNanos) {
                endSession(index, false);
                continue;
            }
            ClickEvent event = emit(session, now, nowNanos);
            Step following = funnel.next(session, random);
            if (following == Step.EXIT) {
                endSession(index, true);
            } else {
                session.previousPage = session.step.page() == null ? session.previousPage : session.step.page();
                session.step = following;
            }
            eventsEmitted++;
            return event;
        }
    }

    public long sessionsStarted() {
        return sessionsStarted;
    }

    public long sessionsResumed() {
        return sessionsResumed;
    }

    public int activeSessions() {
        return active.size();
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

    private void admitArrivals(long nowNanos) {
        if (nextArrivalNanos == Long.MIN_VALUE) {
            nextArrivalNanos = nowNanos + arrivalGap();
            return;
        }
        int admitted = 0;
        while (nextArrivalNanos <= nowNanos) {
            if (admitted == MAX_ARRIVALS_PER_EVENT) {
                nextArrivalNanos = nowNanos + arrivalGap(); // skip the backlog instead of a burst of sessions
                return;
            }
            startSession(nowNanos);
            admitted++;
            nextArrivalNanos += arrivalGap();
        }
    }

    /** Exponential gaps: a Poisson arrival process. */
    private long arrivalGap() {
        return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanArrivalGapNanos));
    }

    private void startSession(long nowNanos) {
        forgetExpiredIdle(nowNanos);
        int userIndex = -1;
        for (int attempt = 0; attempt < USER_PICK_ATTEMPTS && userIndex < 0; attempt++) {
            int candidate = random.nextInt(users.size());
            if (!activeUsers[candidate]) {
                userIndex = candidate;
            }
        }
        if (userIndex < 0) {
            return; // (nearly) every user is already on the site
        }
        Session session = idle.remove(userIndex);
        if (session != null) {
            session.step = resumeStep(session);
            sessionsResumed++;
        } else {
            session = new Session(Ids.uuid(random), users.user(userIndex));
            Referrers.Landing landing = Referrers.landing(random);
            session.step = landing.step();
            session.pendingReferrer = landing.referrer();
            session.pendingLandingQuery = landing.landingQuery();
            sessionsStarted++;
        }
        session.lastEventNanos = nowNanos;
        activeUsers[userIndex] = true;
        active.add(session);
    }

    private Step resumeStep(Session session) {
        double u = random.nextDouble();
        if (u < 0.2 && !session.cart.isEmpty()) {
            return Step.CART_VIEW;
        }
        return u < 0.6 ? Step.HOME_VIEW : Step.PRODUCT_VIEW;
    }

    private void endSession(int index, boolean mayResume) {
        Session session = active.get(index);
        Session last = active.remove(active.size() - 1);
        if (index < active.size()) {
            active.set(index, last);
        }
        activeUsers[session.user.index()] = false;
        session.committed = false;
        if (mayResume) {
            idle.put(session.user.index(), session);
        }
    }

    /** Idle sessions are kept in the order they went idle, so the expired ones are at the head. */
    private void forgetExpiredIdle(long nowNanos) {
        Iterator<Map.Entry<Integer, Session>> oldest = idle.entrySet().iterator();
        while (oldest.hasNext() && nowNanos - oldest.next().getValue().lastEventNanos > timeoutNanos) {
            oldest.remove();
        }
    }

    private ClickEvent emit(Session session, Instant now, long nowNanos) {
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
        session.lastEventNanos = nowNanos;
        User user = session.user;
        return new ClickEvent(Ids.uuid(random), user.userId(), session.sessionId, step.eventType(), now, url,
                productId, user.ipAddress(), referrer, user.userAgent(), user.device());
    }

    private static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
