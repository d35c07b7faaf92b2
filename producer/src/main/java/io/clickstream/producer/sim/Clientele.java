package io.clickstream.producer.sim;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Who a new session belongs to. With probability {@code returningShare} a visitor who has been here
 * before, chosen at random among those whose last visit ended more than a session timeout ago (sooner,
 * analytics would count it as the same session); otherwise, or when nobody can return yet, someone who
 * comes for the first time. First-time visitors are the population's users in index order (each user
 * is derived from the seed and its index alone, so the order shows in nothing but that). Once every user
 * has visited, all sessions are returning ones; once every user is on the site or has just left, an
 * arrival is turned away. Only users the generator reports as {@link #left} can return.
 *
 * <p>Costs four bytes per user who visited, nothing per user who did not.
 */
final class Clientele {
    private record Leaving(int user, long returnableAtNanos) {
    }

    private static final long MILLISECOND_NANOS = 1_000_000L;

    private final int population;
    private final double returningShare;
    private final long timeoutNanos;
    /** Users who left within the last timeout, oldest first (sessions end in event-time order). */
    private final ArrayDeque<Leaving> cooling = new ArrayDeque<>();
    private int[] returnable = new int[1024];
    private int returnableCount;
    private int firstTimers;

    Clientele(int population, double returningShare, long timeoutNanos) {
        if (population <= 0) {
            throw new IllegalArgumentException("a population needs at least one user: " + population);
        }
        this.population = population;
        this.returningShare = returningShare;
        this.timeoutNanos = timeoutNanos;
    }

    /** The user of a session arriving at {@code nowNanos}, or -1 when nobody is free to come. */
    int arrive(long nowNanos, SplittableRandom random) {
        while (!cooling.isEmpty() && cooling.peekFirst().returnableAtNanos() <= nowNanos) {
            add(cooling.pollFirst().user());
        }
        double u = random.nextDouble();
        if (returnableCount > 0 && (u < returningShare || firstTimers == population)) {
            int i = random.nextInt(returnableCount);
            int user = returnable[i];
            returnable[i] = returnable[--returnableCount];
            return user;
        }
        return firstTimers < population ? firstTimers++ : -1;
    }

    /** The user's session ended with an event at {@code lastEventNanos}. */
    void left(int user, long lastEventNanos) {
        // strictly more than a timeout later, to the millisecond of event times: a sessionization by user and
        // inactivity then splits the two visits exactly where the session ids do
        cooling.addLast(new Leaving(user, lastEventNanos + timeoutNanos + MILLISECOND_NANOS));
    }

    /** Users who visited at least once. */
    int visitors() {
        return firstTimers;
    }

    private void add(int user) {
        if (returnableCount == returnable.length) {
            returnable = Arrays.copyOf(returnable, returnable.length * 2);
        }
        returnable[returnableCount++] = user;
    }
}
