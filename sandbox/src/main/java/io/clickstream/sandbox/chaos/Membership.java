package io.clickstream.sandbox.chaos;

import java.util.Locale;

/**
 * How the consumers of a chaos run join their group. The run starts each consumer in a slot ({@code chaos-N}),
 * as a container runtime starts a container: a restart in place reuses the slot, a new consumer gets a new one.
 */
public enum Membership {
    /**
     * Every consumer gets {@code KAFKA_GROUP_INSTANCE_ID=<its slot>}: a consumer restarted in its slot is the same
     * member to Kafka and takes its partitions back without waiting for a rebalance.
     */
    STATIC,
    /** No instance id: every start is a new member; a killed one keeps its partitions until its session times out. */
    DYNAMIC;

    /** {@code static} or {@code dynamic}, in any case. */
    public static Membership parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("membership must be static or dynamic, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
