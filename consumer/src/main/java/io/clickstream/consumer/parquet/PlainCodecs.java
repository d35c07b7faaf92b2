package io.clickstream.consumer.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression for the writer without Hadoop. parquet-hadoop's own factory reaches every codec through
 * Hadoop's {@code CompressionCodec} and builds a Hadoop {@code Configuration} for it, which alone needs the 30 MB
 * {@code hadoop-client-runtime} (its shaded XML parser, Guava, collections). The compression itself is done by
 * the same libraries either way: zstd-jni (level 3, Parquet's default), snappy-java (raw blocks, as Parquet's
 * SNAPPY is) and the JDK's gzip. Stateless: one instance serves every writer.
 */
public final class PlainCodecs implements CompressionCodecFactory {
    public static final PlainCodecs INSTANCE = new PlainCodecs();

    /** Parquet's default zstd level ({@code parquet.compression.codec.zstd.level}). */
    static final int ZSTD_LEVEL = 3;

    private PlainCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec) {
                @Override
                byte[] compress(byte[] page) {
                    return page;
                }
            };
            case ZSTD -> new Compressor(codec) {
                @Override
                byte[] compress(byte[] page) {
                    return Zstd.compress(page, ZSTD_LEVEL);
                }
            };
            case SNAPPY -> new Compressor(codec) {
                @Override
                byte[] compress(byte[] page) throws IOException {
                    return Snappy.compress(page);
                }
            };
            case GZIP -> new Compressor(codec) {
                @Override
                byte[] compress(byte[] page) throws IOException {
                    var out = new ByteArrayOutputStream(Math.max(64, page.length / 4));
                    try (var gzip = new GZIPOutputStream(out, 64 * 1024)) {
                        gzip.write(page);
                    }
                    return out.toByteArray();
                }
            };
            default -> throw new IllegalArgumentException("no compressor for " + codec
                    + " here: PARQUET_COMPRESSION is zstd, snappy, gzip or uncompressed");
        };
    }

    /** The consumer only writes; reading back is for readers with Hadoop or DuckDB. */
    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("PlainCodecs only compresses (asked to decompress " + codec + ")");
    }

    @Override
    public void release() {
        // nothing pooled
    }

    private abstract static class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        abstract byte[] compress(byte[] page) throws IOException;

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }
}
