package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The size cap is checked on the raw bytes, before any parsing, and is exact at its boundary. */
class RecordSizeCapTest {
    private static final int CAP = 64 * 1024;
    private static final EventDecoder DECODER = new EventDecoder(CAP);

    /**
     * A valid event padded by an unknown field to {@code atLeastBytes} (0: unpadded). Parsed, it is valid:
     * so when it is rejected, the size alone decided.
     */
    static byte[] validEventOf(int atLeastBytes) {
        String head = "{\"user_id\":\"size-cap\",\"session_id\":\"s-1\",\"event_type\":\"click\","
                + "\"timestamp\":\"2026-01-19T10:15:30Z\",\"page_url\":\"https://shop.example.com/\"";
        int padding = Math.max(0, atLeastBytes - head.length() - ",\"padding\":\"\"}".length());
        String json = head + (padding > 0 ? ",\"padding\":\"" + "x".repeat(padding) + "\"" : "") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValueOneByteOverTheCapIsRejectedAndOneExactlyAtTheCapIsParsed() {
        byte[] atCap = validEventOf(CAP);
        byte[] overCap = validEventOf(CAP + 1);

        assertThat(atCap).hasSize(CAP);
        assertThat(DECODER.decode(atCap)).isInstanceOf(DecodeResult.Valid.class);
        assertThat(overCap).hasSize(CAP + 1);
        assertThat(reason(DECODER.decode(overCap))).isEqualTo(Reason.RECORD_TOO_LARGE);
    }

    /** A nesting bomb over the cap is never handed to the parser: it would say malformed_json. */
    @Test
    void anOversizedNestingBombIsRejectedForItsSizeNotParsed() {
        byte[] bomb = new byte[200 * 1024];
        Arrays.fill(bomb, (byte) '[');

        assertThat(reason(DECODER.decode(bomb))).isEqualTo(Reason.RECORD_TOO_LARGE);
        assertThat(reason(new EventDecoder(bomb.length).decode(bomb))).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void theOversizedRecordOfTheIntegrationTestWouldBeValidIfParsed() {
        byte[] oversized = validEventOf(200 * 1024);

        assertThat(reason(DECODER.decode(oversized))).isEqualTo(Reason.RECORD_TOO_LARGE);
        assertThat(new EventDecoder(oversized.length).decode(oversized)).isInstanceOf(DecodeResult.Valid.class);
    }

    private static Reason reason(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Invalid.class);
        return ((DecodeResult.Invalid) result).primary().reason();
    }
}
