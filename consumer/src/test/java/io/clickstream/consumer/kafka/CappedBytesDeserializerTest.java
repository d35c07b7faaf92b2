package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
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

    @Test
    void aValueUpToTheCapIsCopiedWhole() {
        assertThat(values.deserialize("t", new RecordHeaders(), bytes(10))).hasSize(10).startsWith('z');
    }

    @Test
    void aLargerValueKeepsOnlyItsFirstBytesWithoutCopyingTheRest() {
        ByteBuffer big = bytes(1_000);

        byte[] kept = values.deserialize("t", new RecordHeaders(), big);

        assertThat(kept).hasSize(4).startsWith('z');
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
        assertThat(wide.deserialize("t", new RecordHeaders(), next)).hasSize(60);
    }

    @Test
    void theFirstRecordOfAPollIsAlwaysTakenWhateverItsSize() {
        var wide = new CappedBytesDeserializer(1_000, 1_000, poll);

        assertThat(wide.deserialize("t", new RecordHeaders(), bytes(500))).hasSize(500);
    }

    @Test
    void keysAndValuesShareThePollsBytes() {
        var keys = new CappedBytesDeserializer(50, 50, poll);
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
