package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodeResultTest {
    private static final Violation MISSING = new Violation("user_id", Reason.MISSING_FIELD, "required field is absent or null");
    private static final Violation BAD_IP = new Violation("ip_address", Reason.INVALID_IP, "'x' is not an IPv4 or IPv6 address");

    @Test
    void anInvalidResultNeedsAtLeastOneViolation() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DecodeResult.Invalid(List.of()));
    }

    @Test
    void anInvalidResultKeepsItsOwnCopyOfTheViolations() {
        var list = new ArrayList<>(List.of(MISSING));
        var invalid = new DecodeResult.Invalid(list);

        list.add(BAD_IP);

        assertThat(invalid.violations()).containsExactly(MISSING);
    }

    @Test
    void thePrimaryViolationIsTheFirst() {
        assertThat(new DecodeResult.Invalid(List.of(MISSING, BAD_IP)).primary()).isEqualTo(MISSING);
    }

    @Test
    void describesEveryViolationWithFieldReasonCodeAndDetail() {
        assertThat(new DecodeResult.Invalid(List.of(MISSING, BAD_IP)).describe()).isEqualTo(
                "user_id: missing_field (required field is absent or null); "
                        + "ip_address: invalid_ip ('x' is not an IPv4 or IPv6 address)");
    }

    @Test
    void buildsASingleViolationResult() {
        assertThat(DecodeResult.Invalid.of("$", Reason.EMPTY_RECORD, "empty").violations())
                .containsExactly(new Violation("$", Reason.EMPTY_RECORD, "empty"));
    }

    @Test
    void aViolationNeedsFieldReasonAndDetail() {
        assertThatNullPointerException().isThrownBy(() -> new Violation(null, Reason.WRONG_TYPE, "d"));
        assertThatNullPointerException().isThrownBy(() -> new Violation("f", null, "d"));
        assertThatNullPointerException().isThrownBy(() -> new Violation("f", Reason.WRONG_TYPE, null));
    }

    @Test
    void reasonCodesAreTheLowerCaseNamesUsedInHeadersAndMetrics() {
        assertThat(Reason.values()).extracting(Reason::code).containsExactly(
                "empty_record", "record_too_large", "malformed_json", "not_an_object", "missing_field", "wrong_type",
                "too_long", "control_character", "invalid_timestamp", "unknown_event_type", "invalid_url",
                "invalid_ip", "invalid_product_id", "late_event", "kafka_timestamp_too_old");
    }
}
