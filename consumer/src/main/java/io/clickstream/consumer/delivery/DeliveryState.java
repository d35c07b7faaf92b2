package io.clickstream.consumer.delivery;

/**
 * Where a partition's delivery stands: what happened to the generation it closed last. Each state
 * names the states it may be entered from, and {@link PartitionDelivery} refuses any other move.
 *
 * <pre>
 *            publish                upload done                 commit
 *   READY ------------> UPLOADING -------------> AWAITING_COMMIT -------> READY
 *     ^                   |    ^                   |  (a commit refused by a rebalance
 *     |          failed   |    | retry due          |   in progress stays here until
 *     |                   v    |                   |   after the next poll)
 *     |                  RETRY_AT                  |
 *     |                                            |
 *   (any state but DROPPED) ---- drop -----> DROPPED (terminal: the partition starts a new delivery)
 * </pre>
 */
public enum DeliveryState {
    /** No closed generation is uncommitted: the open one (if any) may close. */
    READY,
    /** A closed generation's files are being uploaded and its dead letters awaited, off the poll thread. */
    UPLOADING,
    /** The upload failed; it is tried again after a backoff, and the partition is paused meanwhile. */
    RETRY_AT,
    /** Everything of the closed generation is in S3 and acknowledged; its offset is to be committed. */
    AWAITING_COMMIT,
    /** The uncommitted work was thrown away (revoked, lost, commit refused, past a deadline); replayed by whoever owns the partition. */
    DROPPED;

    /** True when a partition in {@code previous} may move to this state. */
    boolean mayFollow(DeliveryState previous) {
        return switch (this) {
            case READY -> previous == AWAITING_COMMIT;
            case UPLOADING -> previous == READY || previous == RETRY_AT;
            case RETRY_AT, AWAITING_COMMIT -> previous == UPLOADING;
            case DROPPED -> previous != DROPPED;
        };
    }
}
