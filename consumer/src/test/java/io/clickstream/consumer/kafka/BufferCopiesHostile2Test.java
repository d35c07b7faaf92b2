package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BufferCopiesHostile2Test {
    private static final byte[] TEXT = "key:value;rest".getBytes(StandardCharsets.US_ASCII);

    /** "value" as a direct, read-only slice whose position was moved by one, with a mark set. */
    private static ByteBuffer directReadOnlySlice() {
        ByteBuffer direct = ByteBuffer.allocateDirect(TEXT.length).put(TEXT).flip();
        ByteBuffer slice = direct.position(4).limit(9).slice().asReadOnlyBuffer();
        slice.position(1).mark();
        return slice;
    }

    @Test
    void aDirectReadOnlySliceWithAMovedPositionIsCopiedFromItsPositionAndLeftExactlyAsItWas() {
        ByteBuffer value = directReadOnlySlice();
        assertThat(value.hasArray()).isFalse();
        assertThat(new String(BufferCopies.all(value), StandardCharsets.US_ASCII)).isEqualTo("alue");
        assertThat(new String(BufferCopies.prefix(value, 2), StandardCharsets.US_ASCII)).isEqualTo("al");
        assertThat(value.position()).isEqualTo(1);
        assertThat(value.limit()).isEqualTo(5);
        value.position(3).reset();
        assertThat(value.position()).as("the mark survives the copies").isEqualTo(1);
    }

    @Test
    void aHeapSliceNeverCopiesBytesOutsideItsWindow() {
        ByteBuffer slice = ByteBuffer.wrap(TEXT, 4, 5).slice(); // arrayOffset 4
        assertThat(slice.arrayOffset()).isEqualTo(4);
        assertThat(BufferCopies.prefix(slice, Integer.MAX_VALUE)).containsExactly("value".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void zeroRemainingBytesGiveAnEmptyArrayWhateverTheKindOfBuffer() {
        ByteBuffer exhaustedDirect = ByteBuffer.allocateDirect(8).position(8);
        ByteBuffer readOnlyAtLimit = ByteBuffer.wrap(TEXT).asReadOnlyBuffer().position(TEXT.length);
        assertThat(BufferCopies.all(exhaustedDirect)).isEmpty();
        assertThat(BufferCopies.prefix(readOnlyAtLimit, 5)).isEmpty();
        assertThat(BufferCopies.prefix(ByteBuffer.allocateDirect(0), Integer.MAX_VALUE)).isEmpty();
        assertThat(exhaustedDirect.position()).isEqualTo(8);
    }

    @Test
    void theCopyIsIndependentOfTheBufferAfterwards() {
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {1, 2, 3, 4}).flip();
        byte[] copy = BufferCopies.all(direct);
        direct.put(0, (byte) 9);
        copy[1] = 7;
        assertThat(copy).containsExactly(1, 7, 3, 4);
        assertThat(direct.get(1)).isEqualTo((byte) 2);
    }

    @Test
    void manyThreadsCopyingOneSharedBufferAllGetTheSameBytes() throws Exception {
        ByteBuffer shared = directReadOnlySlice();
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> copies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                copies.add(pool.submit((Callable<String>) () -> new String(BufferCopies.all(shared), StandardCharsets.US_ASCII)));
            }
            for (Future<String> copy : copies) {
                assertThat(copy.get()).isEqualTo("alue");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.position()).isEqualTo(1);
    }
}
