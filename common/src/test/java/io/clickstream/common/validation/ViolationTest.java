package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.EventFields;
import io.clickstream.common.testing.Decoding;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a log line may say about an invalid record: its summary names the field and the reason, never the
 * detail, and the field is always one of the event's own names (or $), never text taken from the record.
 */
class ViolationTest {
    private static final String SECRET = "piiSecret7f3a";
    private static final Set<String> FIELDS = Set.of(Violation.WHOLE_RECORD, EventFields.EVENT_ID, EventFields.USER_ID,
            EventFields.SESSION_ID, EventFields.EVENT_TYPE, EventFields.TIMESTAMP, EventFields.PAGE_URL,
            EventFields.PRODUCT_ID, EventFields.IP_ADDRESS, EventFields.REFERRER, EventFields.USER_AGENT, EventFields.DEVICE);

    /** Records whose violations would quote the secret in their detail, or carry it in a field name. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"click\",\"timestamp\":\"2026-01-19T10:00:00Z\","
                    + "\"page_url\":\"https://shop.example.com/\",\"ip_address\":\"10.0.0." + SECRET + "\"}",
            "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"click\",\"timestamp\":\"2026-01-19T10:00:00Z\","
                    + "\"page_url\":\"shop.example.com/" + SECRET + "\"}",
            "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"" + SECRET + "\",\"timestamp\":\"2026-01-19T10:00:00Z\","
                    + "\"page_url\":\"https://shop.example.com/\"}",
            "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"click\",\"timestamp\":\"" + SECRET + "\","
                    + "\"page_url\":\"https://shop.example.com/\"}",
            "{\"user_id\":" + SECRET + ",\"session_id\":\"s\"}",
            "{\"" + SECRET + "\":1,\"" + SECRET + "\":2}",
            "{\"user_id\":\"u\",\"" + SECRET + "\":{\"a\":1,\"a\":2}}",
            "{\"user_id\":9" + SECRET + "}",
            "[\"" + SECRET + "\"]"})
    void theSummaryOfEveryViolationHoldsAKnownFieldAndAReasonButNoInputText(String json) {
        List<Violation> violations = Decoding.violations(Decoding.decode(json));

        for (Violation violation : violations) {
            assertThat(FIELDS).as("field of %s", violation).contains(violation.field());
            assertThat(violation.summary()).isEqualTo(violation.field() + " " + violation.reason().code())
                    .doesNotContain(SECRET);
        }
    }
}
