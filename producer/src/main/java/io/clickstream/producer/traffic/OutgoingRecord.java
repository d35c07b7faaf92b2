package io.clickstream.producer.traffic;

import java.util.Objects;

/**
 * One Kafka record to send: key (the session id), value (JSON bytes, or broken bytes) and what it is.
 *
 * @param invalidKind set only for {@link RecordKind#INVALID}
 */
public record OutgoingRecord(byte[] key, byte[] value, RecordKind kind, InvalidKind invalidKind) {
    public OutgoingRecord {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        if (kind == RecordKind.INVALID != (invalidKind != null)) {
            throw new IllegalArgumentException("invalidKind must be set exactly for INVALID records: " + kind);
        }
    }

    OutgoingRecord as(RecordKind newKind) {
        return new OutgoingRecord(key, value, newKind, invalidKind);
    }
}
