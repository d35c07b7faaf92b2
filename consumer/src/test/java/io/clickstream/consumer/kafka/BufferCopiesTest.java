package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BufferCopiesTest {
    private static ByteBuffer window() {
        // "value" inside a larger array, as Kafka hands a record's value: offset 4, limit 9
        ByteBuffer whole = ByteBuffer.wrap("key:value;rest".getBytes(StandardCharsets.US_ASCII));
        return whole.position(4).limit(9).slice().position(0);
    }

    @Test
    void prefixCopiesTheFirstBytesFromThePositionAndLeavesThePositionWhereItWas() {
        ByteBuffer value = window();
        assertThat(new String(BufferCopies.prefix(value, 3), StandardCharsets.US_ASCII)).isEqualTo("val");
        assertThat(value.position()).isZero();
        assertThat(value.remaining()).isEqualTo(5);
    }

    @Test
    void prefixLongerThanTheBufferCopiesWhatThereIs() {
        assertThat(new String(BufferCopies.prefix(window(), 1_000), StandardCharsets.US_ASCII)).isEqualTo("value");
    }

    @Test
    void allCopiesFromAMovedPositionOnlyWhatRemains() {
        ByteBuffer value = window().position(2);
        assertThat(new String(BufferCopies.all(value), StandardCharsets.US_ASCII)).isEqualTo("lue");
        assertThat(value.position()).isEqualTo(2);
    }

    @Test
    void readOnlyAndDirectBuffersAreCopiedToo() {
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {1, 2, 3, 4}).flip();
        assertThat(BufferCopies.prefix(direct, 2)).containsExactly(1, 2);
        assertThat(BufferCopies.all(window().asReadOnlyBuffer())).hasSize(5);
    }

    @Test
    void anEmptyBufferOrAZeroPrefixGivesAnEmptyArray() {
        assertThat(BufferCopies.all(ByteBuffer.allocate(0))).isEmpty();
        assertThat(BufferCopies.prefix(window(), 0)).isEmpty();
    }

    @Test
    void aNegativeMaxIsRefused() {
        assertThatThrownBy(() -> BufferCopies.prefix(window(), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max");
    }
}
