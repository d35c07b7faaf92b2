package io.clickstream.producer.publish;

import java.util.function.BooleanSupplier;

/** Decides when the next record may be made and sent. Called by one thread. */
public interface Pacer {
    /** No waiting at all. */
    Pacer UNPACED = new Pacer() {
        @Override
        public boolean acquire(BooleanSupplier cancelled) {
            return !cancelled.getAsBoolean();
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public long behindNanos() {
            return 0;
        }
    };

    /**
     * Waits until the next record may go.
     *
     * @return {@code false} when {@code cancelled} became true (the record must not be made)
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    boolean acquire(BooleanSupplier cancelled) throws InterruptedException;

    /** Whether {@link #acquire} would return without waiting. */
    boolean ready();

    /** How long after its time (in real nanoseconds) the latest record was let go; for the progress line. */
    long behindNanos();
}
