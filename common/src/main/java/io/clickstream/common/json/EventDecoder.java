package io.clickstream.common.json;

import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.EventValidator;
import io.clickstream.common.validation.Reason;

/** Record value bytes to a valid event or the list of what is wrong with it. Never throws. */
public final class EventDecoder {
    private final int maxRecordBytes;

    /** @param maxRecordBytes values larger than this are rejected unparsed, so a hostile record cannot exhaust memory */
    public EventDecoder(int maxRecordBytes) {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    public DecodeResult decode(byte[] value) {
        return value == null ? decode(null, 0, 0) : decode(value, 0, value.length);
    }

    /** {@link #decode(byte[])} of the value {@code bytes[offset..offset + length)}: a Kafka record's, without a copy. */
    public DecodeResult decode(byte[] bytes, int offset, int length) {
        if (bytes != null && length > maxRecordBytes) {
            return DecodeResult.Invalid.of("$", Reason.RECORD_TOO_LARGE,
                    length + " bytes, at most " + maxRecordBytes + " parsed");
        }
        try {
            return EventValidator.validate(EventJsonReader.read(bytes, offset, length));
        } catch (EventJsonReader.UnreadableRecord e) {
            return new DecodeResult.Invalid(java.util.List.of(e.violation()));
        }
    }
}
