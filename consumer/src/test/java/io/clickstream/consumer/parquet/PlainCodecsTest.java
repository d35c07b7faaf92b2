package io.clickstream.consumer.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    void compressorsOfManyColumnsAndThreadsEachGiveTheirOwnPage() throws Exception {
        // parquet-java asks for a compressor per column; they share their thread's buffers, and a page's result is
        // read (copied) before the next page is compressed on that thread.
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = t;
                results.add(threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    List<BytesInputCompressor> columns = new ArrayList<>();
                    for (int c = 0; c < 14; c++) {
                        columns.add(PlainCodecs.INSTANCE.getCompressor(CompressionCodecName.ZSTD));
                    }
                    int pages = 0;
                    for (int i = 0; i < 300; i++) {
                        byte[] page = page(random, random.nextInt(200_000));
                        byte[] compressed = columns.get(random.nextInt(columns.size())).compress(BytesInput.from(page))
                                .toByteArray();
                        assertThat(Zstd.decompress(compressed, page.length)).isEqualTo(page);
                        pages++;
                    }
                    return pages;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(300);
            }
        } finally {
            threads.shutdownNow();
        }
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
