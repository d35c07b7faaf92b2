package io.clickstream.sandbox.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumers due to be restarted in their slot, as a container runtime restarts a container that died (kill -9, a
 * self-halt) a moment later: what is due, and when. Used from the run's thread.
 */
final class RestartQueue {

    /** Restart a consumer in {@code slot} as {@code mode} at {@code dueMillis} on the run's clock. */
    record Restart(String slot, ConsumerMode mode, long dueMillis) {
    }

    private final List<Restart> pending = new ArrayList<>();

    void add(String slot, ConsumerMode mode, long dueMillis) {
        pending.add(new Restart(slot, mode, dueMillis));
    }

    /** The restarts due at {@code nowMillis}, in the order they were added, taken off the queue. */
    List<Restart> takeDue(long nowMillis) {
        List<Restart> due = pending.stream().filter(r -> r.dueMillis() <= nowMillis).toList();
        pending.removeAll(due);
        return due;
    }

    /** A restart is still to come: the group is about to have that consumer back. */
    boolean any() {
        return !pending.isEmpty();
    }

    /** Forgets every restart still to come (the run stops its consumers). */
    void clear() {
        pending.clear();
    }
}
