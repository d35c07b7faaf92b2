package io.clickstream.common.validation;

import java.util.Objects;

/**
 * One broken rule: the field it concerns ({@code $} for the record as a whole), the reason code
 * and a human-readable detail.
 *
 * <p>The field is always the name of an event field or {@code $}, never text of the record (unknown
 * fields are skipped, not reported). The detail often quotes the value it rejects (an IP address, a URL,
 * the token a JSON parser choked on), which may be personal data: it goes into the dead-letter headers,
 * for whoever may read that topic, but never into a log line; logs use {@link #summary()}.
 */
public record Violation(String field, Reason reason, String detail) {
    public static final String WHOLE_RECORD = "$";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Field and reason code only, e.g. {@code ip_address invalid_ip}: what a log line may say about a record. */
    public String summary() {
        return field + " " + reason.code();
    }

    /** With the detail, which may quote the record: for the dead-letter headers, never for a log. */
    @Override
    public String toString() {
        return field + ": " + reason.code() + " (" + detail + ")";
    }
}
