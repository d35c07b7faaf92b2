package io.clickstream.producer.sim;

import java.util.SplittableRandom;

/**
 * How many events a session has on average with given visitor behaviour, found by walking many sessions
 * through the same {@link Funnel} and {@link ThinkTime} on their own (no shop around them, no events made).
 * Deterministic: a fixed seed, so the same settings always give the same figure. Used to size the shop to
 * a wanted event rate: sessions per second = events per second / this.
 */
public final class VisitLength {
    /** Enough for a figure within about half a percent; a few milliseconds of work. */
    static final int SESSIONS = 40_000;
    private static final long SEED = 0x5E55_1015L;

    private VisitLength() {
    }

    public static double meanEventsPerSession(SimulationSettings settings) {
        var random = new SplittableRandom(SEED);
        var funnel = new Funnel(settings.funnel(), settings.visits());
        var thinkTime = new ThinkTime(settings.visits().medianThinkTime());
        long timeoutNanos = settings.sessionTimeout().toNanos();
        long events = 0;
        for (int i = 0; i < SESSIONS; i++) {
            var session = new Session(0, 0, 0);
            session.step = Referrers.landing(random).step();
            while (true) {
                session.events++;
                events++;
                switch (session.step) {
                    case ADD_TO_CART -> session.cart.add(0L);
                    case REMOVE_FROM_CART -> session.cart.remove(session.cart.size() - 1);
                    case PURCHASE -> session.cart.clear();
                    default -> {
                        // no cart change
                    }
                }
                Step following = funnel.next(session, random);
                if (following == Step.EXIT || thinkTime.after(session.step, random) > timeoutNanos) {
                    break;
                }
                session.step = following;
            }
        }
        return (double) events / SESSIONS;
    }
}
