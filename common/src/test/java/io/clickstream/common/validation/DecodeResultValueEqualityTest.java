package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.json.EventJsonWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A valid result is a value: the event. Where its strings lie in the record ({@link SourceText}, the fast reader's own
 * object) is a hint for the Parquet writer, not part of the result, so two decodings of one record are equal, and equal
 * to the result built from the event alone (what the producer's tests and others compare with).
 */
class DecodeResultValueEqualityTest {
    private static final byte[] PLAIN = ("{\"event_id\":\"e-1\",\"user_id\":\"u-1\",\"session_id\":\"s-1\","
            + "\"event_type\":\"page_view\",\"timestamp\":1768817730000,\"page_url\":\"https://shop.example.com/p/1\","
            + "\"product_id\":null,\"ip_address\":\"10.0.0.1\",\"referrer\":null,\"user_agent\":\"Mozilla/5.0\","
            + "\"device\":\"mobile\"}").getBytes(StandardCharsets.UTF_8);

    private final EventDecoder decoder = new EventDecoder(1 << 20);

    @Test
    void decodingTheSameRecordTwiceGivesEqualResultsWithEqualHashCodes() {
        DecodeResult first = decoder.decode(PLAIN);
        DecodeResult second = decoder.decode(PLAIN.clone());

        assertThat(first).isInstanceOf(DecodeResult.Valid.class);
        assertThat(((DecodeResult.Valid) first).source()).as("read by the fast path").isNotNull();
        assertThat(first).isEqualTo(second);
        assertThat(first.hashCode()).isEqualTo(second.hashCode());
    }

    @Test
    void aDecodedRecordEqualsTheValidResultOfItsEventAlone() {
        DecodeResult decoded = decoder.decode(PLAIN);
        ClickEvent event = ((DecodeResult.Valid) decoded).event();

        assertThat(decoded).isEqualTo(new DecodeResult.Valid(event));
        assertThat(new DecodeResult.Valid(event)).isEqualTo(decoded);
        assertThat(decoded.hashCode()).isEqualTo(new DecodeResult.Valid(event).hashCode());
    }

    @Test
    void aGeneratedEventWrittenAndDecodedEqualsItsValidResult() {
        ClickEvent event = ((DecodeResult.Valid) decoder.decode(PLAIN)).event();

        assertThat(decoder.decode(EventJsonWriter.write(event))).isEqualTo(new DecodeResult.Valid(event));
    }

    @Test
    void resultsOfDifferentEventsStayUnequal() {
        byte[] other = new String(PLAIN, StandardCharsets.UTF_8).replace("e-1", "e-2").getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(PLAIN)).isNotEqualTo(decoder.decode(other));
    }
}
