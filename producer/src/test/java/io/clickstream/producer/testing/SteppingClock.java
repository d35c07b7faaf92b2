package io.clickstream.producer.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A simulated clock the test moves by hand. */
public final class SteppingClock implements InstantSource {
    private Instant now;

    public SteppingClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }
}
