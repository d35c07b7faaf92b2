package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The poll's share and the first record of a poll. Kafka deserializes a record's key, then its value; when the value
 * of a poll's FIRST record is refused, Kafka has no record to return and {@code poll()} throws (a
 * {@code RecordDeserializationException}, which the sink loop does not catch), and the next poll refuses it again.
 * Read in place, a value counts its record's whole array, which holds the key (already counted by the key
 * deserializer), the headers and the record's framing as well: such a record was refused as a poll's first record
 * though the copying deserializer took it. Now only a taken value makes the poll hold a record, and until it does
 * nothing is refused.
 */
class InPlacePollShareTest {
    private static final int MB = 1 << 20;
    /** The consumer's smallest share: {@code KafkaClients.pollMaxBytes} of BUFFER_MAX_BYTES=1MB..4MB. */
    private static final long POLL_MAX = MB;
    /** The default MAX_RECORD_BYTES. */
    private static final int MAX_RECORD_BYTES = MB;
    private static final int KEY = 36; // a UUID
    private static final int HEADERS = 300; // a trace header or two
    private static final int FRAMING = 16; // attributes, deltas, varint lengths, header count
    private static final int VALUE = MAX_RECORD_BYTES - 200; // under MAX_RECORD_BYTES: a valid event

    /** A compressed batch's record as Kafka reads it: an array of its own, the value a view into it. */
    private static ByteBuffer[] record() {
        byte[] array = new byte[FRAMING + KEY + VALUE + HEADERS];
        ByteBuffer key = ByteBuffer.wrap(array, 8, KEY).slice();
        ByteBuffer value = ByteBuffer.wrap(array, 8 + KEY + 4, VALUE).slice();
        return new ByteBuffer[] {key, value};
    }

    @Test
    void copiedTheFirstRecordOfAPollIsTakenWhenItsKeyAndValueFitTheShare() {
        var poll = new PollBytes(POLL_MAX);
        var keys = CappedBytesDeserializer.forKeys(16 * 1024, 16 * 1024, poll);
        var values = new CappedBytesDeserializer(MAX_RECORD_BYTES, 512 * 1024, poll);
        ByteBuffer[] record = record();

        keys.deserialize("t", new RecordHeaders(), record[0]);
        assertThatCode(() -> values.deserialize("t", new RecordHeaders(), record[1])).doesNotThrowAnyException();
    }

    @Test
    void inPlaceTheFirstRecordOfAPollIsTakenAsWhenItWasCopied() {
        var poll = new PollBytes(POLL_MAX);
        var keys = CappedBytesDeserializer.forKeys(16 * 1024, 16 * 1024, poll);
        var values = CappedBytesDeserializer.inPlace(MAX_RECORD_BYTES, 512 * 1024, poll);
        ByteBuffer[] record = record();
        assertThat(KEY + VALUE).as("key and value fit the share").isLessThanOrEqualTo((int) POLL_MAX);

        keys.deserialize("t", new RecordHeaders(), record[0]);
        assertThatCode(() -> values.deserialize("t", new RecordHeaders(), record[1]))
                .as("the first record of a poll is always taken (PollBytes)").doesNotThrowAnyException();
    }
}
