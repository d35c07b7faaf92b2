package io.clickstream.consumer.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class PlainCodecsTest {

    @Test
    void zstdPagesDecompressToTheirBytesPageAfterPageWhateverTheirSize() throws IOException {
        BytesInputCompressor zstd = PlainCodecs.INSTANCE.getCompressor(CompressionCodecName.ZSTD);
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {0, 1, 100, 64 * 1024, 300_000, 10, 2_000_000, 5}) {
            byte[] page = page(random, size);
            // A page arrives in parts, as parquet's column writers hand it over (levels, then values).
            BytesInput parts = BytesInput.concat(BytesInput.from(page, 0, size / 3),
                    BytesInput.from(page, size / 3, size - size / 3));

            byte[] compressed = zstd.compress(parts).toByteArray();

            assertThat(Zstd.decompress(compressed, size)).as("page of %d bytes", size).isEqualTo(page);
        }
    }

    @Test
    void everyWriterGetsACompressorOfItsOwn() {
        assertThat(PlainCodecs.INSTANCE.getCompressor(CompressionCodecName.ZSTD))
                .isNotSameAs(PlainCodecs.INSTANCE.getCompressor(CompressionCodecName.ZSTD));
    }

    /** Half repetitive text, half random bytes: compressible, but not to nothing. */
    private static byte[] page(SplittableRandom random, int size) {
        byte[] page = new byte[size];
        for (int i = 0; i < size; i++) {
            page[i] = i % 2 == 0 ? (byte) ('a' + i % 7) : (byte) random.nextInt(256);
        }
        return page;
    }
}
