package io.clickstream.consumer.metrics;

import java.time.Duration;

/** {@code /health}: the poll loop (or, before it, the start-up) made progress within {@link HealthState#MAX_TURN_GAP}. */
public record Liveness(boolean alive, Duration sinceLastTurn) {

    public String text() {
        return alive ? "ok\n" : "stalled: the poll loop last turned " + sinceLastTurn.toSeconds() + " s ago\n";
    }
}
