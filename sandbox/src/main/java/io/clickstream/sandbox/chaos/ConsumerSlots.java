package io.clickstream.sandbox.chaos;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The slots consumers run in, {@code chaos-1}, {@code chaos-2}...: what a container is to a deployment. A slot
 * whose consumer died (killed, halted, crashed) is free until a consumer is restarted in it; with static
 * membership the slot is the consumer's {@code KAFKA_GROUP_INSTANCE_ID}, so a restart in place is the same member.
 */
final class ConsumerSlots {
    static final String PREFIX = "chaos-";

    private int next = 1;
    /** Most recently freed first: a restart follows the death it answers. */
    private final Deque<String> freed = new ArrayDeque<>();

    /** A slot no consumer has used yet. */
    String fresh() {
        return PREFIX + next++;
    }

    /** The slot's consumer is gone; a later restart in place may take the slot. */
    void free(String slot) {
        freed.remove(slot);
        freed.push(slot);
    }

    /** Takes {@code slot} if it is free; false if a consumer runs in it (or it never was a slot). */
    boolean take(String slot) {
        return freed.remove(slot);
    }

    /** The most recently freed slot, taken; empty if none is free. */
    Optional<String> takeFreed() {
        return Optional.ofNullable(freed.poll());
    }
}
