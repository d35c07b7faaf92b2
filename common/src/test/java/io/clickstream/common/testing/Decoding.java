package io.clickstream.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Decodes test records with the production decoder and unwraps the result for assertions. */
public final class Decoding {
    /** Large enough for every test record except the ones about the size cap. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;
    private static final EventDecoder DECODER = new EventDecoder(MAX_RECORD_BYTES);

    private Decoding() {
    }

    public static DecodeResult decode(RecordJson record) {
        return DECODER.decode(record.bytes());
    }

    public static DecodeResult decode(String json) {
        return DECODER.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public static DecodeResult decode(byte[] value) {
        return DECODER.decode(value);
    }

    /** The event, failing the test with every violation if the record was rejected. */
    public static ClickEvent valid(DecodeResult result) {
        if (result instanceof DecodeResult.Invalid invalid) {
            throw new AssertionError("expected a valid event, got: " + invalid.describe());
        }
        return ((DecodeResult.Valid) result).event();
    }

    /** Every violation, failing the test if the record was accepted. */
    public static List<Violation> violations(DecodeResult result) {
        assertThat(result).as("decode result").isInstanceOf(DecodeResult.Invalid.class);
        return ((DecodeResult.Invalid) result).violations();
    }

    public static ClickEvent validEvent(RecordJson record) {
        return valid(decode(record));
    }

    public static List<Violation> violationsOf(RecordJson record) {
        return violations(decode(record));
    }
}
