package io.clickstream.producer.traffic;

import io.clickstream.common.validation.Reason;
import java.util.Locale;

/** The kinds of broken records the simulator sends, each with the reason the consumer must give. */
public enum InvalidKind {
    MALFORMED_JSON(Reason.MALFORMED_JSON),
    MISSING_FIELD(Reason.MISSING_FIELD),
    WRONG_TYPE(Reason.WRONG_TYPE),
    UNPARSEABLE_TIMESTAMP(Reason.INVALID_TIMESTAMP),
    UNKNOWN_EVENT_TYPE(Reason.UNKNOWN_EVENT_TYPE);

    private final Reason expectedReason;

    InvalidKind(Reason expectedReason) {
        this.expectedReason = expectedReason;
    }

    /** The reason code the consumer's validator reports first for such a record. */
    public Reason expectedReason() {
        return expectedReason;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
