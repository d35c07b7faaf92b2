package io.clickstream.common.validation;

import io.clickstream.common.event.ClickEvent;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The outcome of turning one Kafka record value into an event. */
public sealed interface DecodeResult {

    /**
     * Equal to another valid result of an equal event: {@code source} is a hint to the writer, not part of the value
     * (it is the reader's own object, so two readings of one record would otherwise never be equal).
     *
     * @param source where the event's strings lie in the record, as UTF-8 ({@code null} when the reader did not
     *     say): a writer may take a value's bytes from there
     */
    record Valid(ClickEvent event, SourceText source) implements DecodeResult {

        public Valid(ClickEvent event) {
            this(event, null);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Valid valid && Objects.equals(event, valid.event);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(event);
        }
    }

    /** Every violation found, not just the first; never empty. */
    record Invalid(List<Violation> violations) implements DecodeResult {
        public Invalid {
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one violation");
            }
            violations = List.copyOf(violations);
        }

        public static Invalid of(String field, Reason reason, String detail) {
            return new Invalid(List.of(new Violation(field, reason, detail)));
        }

        /** The first violation: the one a dead-letter header names. */
        public Violation primary() {
            return violations.get(0);
        }

        public String describe() {
            return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        }
    }
}
