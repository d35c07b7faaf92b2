package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Hostile checks of the poll's share as Kafka drives the deserializers: per record, the key deserializer only when the
 * key is not null, then the value deserializer only when the value is not null (kafka-clients 4.3.1
 * {@code CompletedFetch.parseRecord}: a null key or value never reaches a deserializer). A refusal ends the poll;
 * the refused record is deserialized again, from its key, at the next poll after {@link PollBytes#reset()}.
 */
class PollShareHostileTest {
    private static final int MB = 1 << 20;
    private static final long SHARE = MB; // KafkaClients.pollMaxBytes at its smallest
    private static final int KEY_CAP = 16 * 1024; // DeadLetterSender.MAX_FORWARDED_KEY_BYTES
    private static final int MAX_RECORD_BYTES = MB;
    private static final int VALUE_KEEP = 512 * 1024;

    private final PollBytes poll = new PollBytes(SHARE);
    private final CappedBytesDeserializer keys = CappedBytesDeserializer.forKeys(KEY_CAP, KEY_CAP, poll);
    private final CappedBytesDeserializer values = CappedBytesDeserializer.inPlace(MAX_RECORD_BYTES, VALUE_KEEP, poll);

    /** Kafka's handling of one record; false when a deserializer refused it (the poll ends before it). */
    private boolean deliver(byte[] key, byte[] value) {
        try {
            if (key != null) {
                keys.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(key));
            }
            if (value != null) {
                values.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(value));
            }
            return true;
        } catch (CappedBytesDeserializer.PollFull e) {
            return false;
        }
    }

    /** Records handed over by one poll of {@code records} (each {key, value}), as Kafka ends a poll at a refusal. */
    private int pollOnce(byte[][][] records, int from) {
        poll.reset();
        int taken = 0;
        for (int i = from; i < records.length && deliver(records[i][0], records[i][1]); i++) {
            taken++;
        }
        return taken;
    }

    @Test
    void tombstonesWithLargeKeysAreBoundedByTheShare() {
        // MAX_POLL_RECORDS is 5000; keys are cut at 16 KB, not refused. Repeated bytes compress to almost nothing.
        byte[][][] tombstones = new byte[5000][][];
        for (int i = 0; i < tombstones.length; i++) {
            tombstones[i] = new byte[][] {new byte[KEY_CAP], null};
        }
        int taken = pollOnce(tombstones, 0);
        long keyBytes = (long) taken * KEY_CAP;
        // The share may be passed by one record at most (the first record is always taken whole).
        assertThat(keyBytes).as("key bytes one poll handed over (%d tombstones)", taken).isLessThanOrEqualTo(SHARE + KEY_CAP);
    }

    @Test
    void aValueAfterManyTombstonesIsRefusedOnceTheShareIsFull() {
        byte[][][] records = new byte[201][][];
        for (int i = 0; i < 200; i++) {
            records[i] = new byte[][] {new byte[KEY_CAP], null}; // 200 x 16 KB = 3.2 MB of keys
        }
        records[200] = new byte[][] {new byte[36], new byte[MAX_RECORD_BYTES - 200]};
        int taken = pollOnce(records, 0);
        assertThat(taken).as("records of the first poll").isLessThan(records.length);
    }

    @Test
    void theFirstRecordIsTakenWholeWithANullKeyAndAHugeValueAndTheNextIsRefused() {
        byte[][][] records = {
            {null, new byte[MAX_RECORD_BYTES]},
            {null, new byte[10]},
        };
        assertThat(pollOnce(records, 0)).as("records of the first poll").isEqualTo(1);
        assertThat(pollOnce(records, 1)).as("the refused record is the first of the next poll").isEqualTo(1);
    }

    @Test
    void aValueOverMaxRecordBytesCountsOnlyItsKeptPrefix() {
        byte[][][] records = {
            {new byte[KEY_CAP], new byte[8 * MB]}, // cut to 512 KB: 528 KB counted
            {new byte[KEY_CAP], new byte[400 * 1024]}, // 944 KB: fits
            {new byte[KEY_CAP], new byte[100 * 1024]}, // over
        };
        assertThat(pollOnce(records, 0)).isEqualTo(2);
        assertThat(pollOnce(records, 2)).isEqualTo(1);
    }

    @Test
    void everyPollMakesProgressAndPassesTheShareByOneRecordAtMost() {
        // Mixed: null keys, large keys, oversized values, small values; each poll takes >= 1 record, and a poll's
        // bytes pass the share only by its last record.
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        byte[][][] records = new byte[3000][][];
        for (int i = 0; i < records.length; i++) {
            byte[] key = random.nextInt(4) == 0 ? null : new byte[random.nextInt(4) == 0 ? 64 * 1024 : 36];
            int size = switch (random.nextInt(4)) {
                case 0 -> 2 * MB;
                case 1 -> MAX_RECORD_BYTES;
                case 2 -> random.nextInt(300 * 1024);
                default -> random.nextInt(2000);
            };
            records[i] = new byte[][] {key, new byte[size]};
        }
        int from = 0;
        int polls = 0;
        while (from < records.length) {
            int taken = pollOnce(records, from);
            assertThat(taken).as("poll %d from record %d", polls, from).isPositive();
            long bytes = 0;
            long lastRecord = 0;
            for (int i = from; i < from + taken; i++) {
                long key = records[i][0] == null ? 0 : Math.min(records[i][0].length, KEY_CAP);
                long value = records[i][1].length <= MAX_RECORD_BYTES ? records[i][1].length
                        : Math.min(records[i][1].length, VALUE_KEEP);
                lastRecord = key + value;
                bytes += lastRecord;
            }
            assertThat(bytes - lastRecord).as("bytes before the last record of poll %d", polls).isLessThanOrEqualTo(SHARE);
            from += taken;
            polls++;
        }
        assertThat(polls).isBetween(2, records.length);
    }

    @Test
    void aRefusalIsASerializationExceptionWithoutAStackTrace() {
        deliver(null, new byte[MAX_RECORD_BYTES]);
        assertThatThrownBy(() -> keys.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(new byte[KEY_CAP])))
                .isInstanceOf(SerializationException.class)
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }
}
