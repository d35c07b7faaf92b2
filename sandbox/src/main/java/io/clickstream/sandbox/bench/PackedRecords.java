package io.clickstream.sandbox.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Pre-generated records packed into 64 MB arrays: millions of records as a few dozen objects, so holding
 * them costs the garbage collector nothing during the timed runs.
 */
final class PackedRecords {
    private static final int CHUNK_BYTES = 64 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private long[] positions; // chunk << 32 | offset
    private int[] keyLengths; // -1 for a null key
    private int[] valueLengths;
    private int size;
    private int used = CHUNK_BYTES;

    PackedRecords(int expected) {
        positions = new long[expected];
        keyLengths = new int[expected];
        valueLengths = new int[expected];
    }

    void add(byte[] key, byte[] value) {
        int keyLength = key == null ? 0 : key.length;
        int length = keyLength + value.length;
        if (length > CHUNK_BYTES) {
            throw new IllegalArgumentException("a record of " + length + " bytes does not fit in a chunk");
        }
        if (used + length > CHUNK_BYTES) {
            chunks.add(new byte[CHUNK_BYTES]);
            used = 0;
        }
        if (size == positions.length) {
            int grown = Math.max(16, size + (size >> 1));
            positions = Arrays.copyOf(positions, grown);
            keyLengths = Arrays.copyOf(keyLengths, grown);
            valueLengths = Arrays.copyOf(valueLengths, grown);
        }
        byte[] chunk = chunks.get(chunks.size() - 1);
        if (key != null) {
            System.arraycopy(key, 0, chunk, used, keyLength);
        }
        System.arraycopy(value, 0, chunk, used + keyLength, value.length);
        positions[size] = (long) (chunks.size() - 1) << 32 | used;
        keyLengths[size] = key == null ? -1 : keyLength;
        valueLengths[size] = value.length;
        size++;
        used += length;
    }

    int size() {
        return size;
    }

    ProducerRecord<byte[], byte[]> record(String topic, int index) {
        byte[] chunk = chunks.get((int) (positions[index] >>> 32));
        int offset = (int) positions[index];
        int keyLength = keyLengths[index];
        byte[] key = keyLength < 0 ? null : Arrays.copyOfRange(chunk, offset, offset + keyLength);
        int valueStart = offset + Math.max(0, keyLength);
        byte[] value = Arrays.copyOfRange(chunk, valueStart, valueStart + valueLengths[index]);
        return new ProducerRecord<>(topic, key, value);
    }
}
