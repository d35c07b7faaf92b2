package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CappedBytesDeserializerTest {
    private final PollBytes poll = new PollBytes(100);
    private final CappedBytesDeserializer values = new CappedBytesDeserializer(10, 4, poll);

    private static ByteBuffer bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'a');
        b[0] = 'z';
        return ByteBuffer.wrap(b);
    }

    /** The bytes a buffer holds from its position to its limit, read without moving it. */
    private static byte[] held(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    void aValueUpToTheCapIsReadInPlaceFromItsRecordsOwnArrayWhichThePollCountsWhole() {
        var inPlace = CappedBytesDeserializer.inPlace(10, 4, poll);
        byte[] record = "key:zaaaaaaaaa;headers".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer value = ByteBuffer.wrap(record, 4, 10);

        ByteBuffer kept = inPlace.deserialize("t", new RecordHeaders(), value);

        assertThat(kept.array()).as("the record's own array").isSameAs(record);
        assertThat(held(kept)).asString(StandardCharsets.US_ASCII).isEqualTo("zaaaaaaaaa");
        assertThat(poll.take(100 - record.length)).as("the poll counted the record's whole array").isTrue();
        assertThat(poll.take(1)).isFalse();
    }

    @Test
    void aValueInAnArrayHoldingMuchMoreIsCopiedNotKeptInPlace() {
        // An uncompressed batch: the value lies in the fetch response; or a small value next to a large key.
        var inPlace = CappedBytesDeserializer.inPlace(10, 4, new PollBytes(1 << 20));
        byte[] response = new byte[CappedBytesDeserializer.IN_PLACE_SLACK + 11];
        response[100] = 'z';
        ByteBuffer value = ByteBuffer.wrap(response, 100, 10);

        ByteBuffer kept = inPlace.deserialize("t", new RecordHeaders(), value);

        assertThat(kept.array()).isNotSameAs(response).hasSize(10);
        assertThat(held(kept)).startsWith('z');
    }

    @Test
    void aKeyIsAlwaysCopiedSoThatItNeverKeepsItsRecordsValue() {
        var keys = CappedBytesDeserializer.forKeys(10, 10, poll);
        byte[] record = "kvalue".getBytes(StandardCharsets.US_ASCII);

        ByteBuffer kept = keys.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(record, 0, 1));

        assertThat(kept.array()).isNotSameAs(record).hasSize(1);
    }

    @Test
    void aLargerValueKeepsOnlyACopyOfItsFirstBytesNotTheRecordsArray() {
        ByteBuffer big = bytes(1_000);

        ByteBuffer kept = values.deserialize("t", new RecordHeaders(), big);

        assertThat(held(kept)).hasSize(4).startsWith('z');
        assertThat(kept.array()).as("a copy: the record's array is not held").isNotSameAs(big.array()).hasSize(4);
        assertThat(big.remaining()).as("Kafka's buffer is left as it was").isEqualTo(1_000);
    }

    @Test
    void aNullValueStaysNull() {
        assertThat(values.deserialize("t", new RecordHeaders(), (ByteBuffer) null)).isNull();
        assertThat(values.deserialize("t", (byte[]) null)).isNull();
    }

    @Test
    void aPollEndsOnceItHoldsItsShareAndTheRefusedRecordIsTakenAfterTheReset() {
        var wide = new CappedBytesDeserializer(1_000, 1_000, poll);
        wide.deserialize("t", new RecordHeaders(), bytes(60));
        ByteBuffer next = bytes(60);

        assertThatThrownBy(() -> wide.deserialize("t", new RecordHeaders(), next)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("next poll");
        poll.reset();
        assertThat(held(wide.deserialize("t", new RecordHeaders(), next))).hasSize(60);
    }

    @Test
    void theFirstRecordOfAPollIsAlwaysTakenWhateverItsSize() {
        var wide = new CappedBytesDeserializer(1_000, 1_000, poll);

        assertThat(held(wide.deserialize("t", new RecordHeaders(), bytes(500)))).hasSize(500);
    }

    @Test
    void keysAndValuesShareThePollsBytes() {
        var keys = CappedBytesDeserializer.forKeys(50, 50, poll);
        var wide = new CappedBytesDeserializer(1_000, 1_000, poll);
        keys.deserialize("t", new RecordHeaders(), bytes(50));
        wide.deserialize("t", new RecordHeaders(), bytes(50));

        assertThatThrownBy(() -> keys.deserialize("t", new RecordHeaders(), bytes(1)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void theRefusalCarriesNoStackTrace() {
        var wide = new CappedBytesDeserializer(1_000, 1_000, poll);
        wide.deserialize("t", new RecordHeaders(), bytes(100));

        assertThatThrownBy(() -> wide.deserialize("t", new RecordHeaders(), bytes(1)))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }
}
