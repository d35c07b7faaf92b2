package io.clickstream.common.validation;

import java.util.Objects;

/**
 * One broken rule: the field it concerns ({@code $} for the record as a whole), the reason code
 * and a human-readable detail.
 */
public record Violation(String field, Reason reason, String detail) {
    public static final String WHOLE_RECORD = "$";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return field + ": " + reason.code() + " (" + detail + ")";
    }
}
