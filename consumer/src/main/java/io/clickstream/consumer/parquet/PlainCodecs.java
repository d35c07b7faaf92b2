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
 * the same libraries either way: zstd-jni (level 1, see {@link #ZSTD_LEVEL}), snappy-java (raw blocks, as Parquet's
 * SNAPPY is) and the JDK's gzip. One instance serves every writer; parquet-java asks it for a compressor per
 * column chunk.
 */
public final class PlainCodecs implements CompressionCodecFactory {
    public static final PlainCodecs INSTANCE = new PlainCodecs();

    /**
     * zstd level 1, not Parquet's default 3 ({@code parquet.compression.codec.zstd.level}): on the lake's pages it
     * is both smaller and faster. Most of a file is random UUID text (event ids always, session and user ids past
     * their dictionary), where level 3 finds short matches that cost more than the literals they replace. The
     * 2,000,000 events of {@code sandbox bench} take 106.2 MB at level 1 against 113.3 MB at level 3 (event_id
     * 19.6 against 22.1 bytes a row), and a {@code sandbox run} of 500,000 events 20.5 MB against 22.1 MB, with
     * about 600 ns less writer CPU per event. Level 2 gives 107.1 MB, 6 gives 105.7 MB and 9 109.6 MB (both at
     * more than twice the writing time), 19 gives 100.3 MB at over ten times the time. Level 3 with a minimum
     * match of 7 bytes gives 104.1 MB, but 21.5 MB on the 500,000 events and is slower than level 1.
     */
    static final int ZSTD_LEVEL = 1;

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
            case ZSTD -> new ZstdCompressor();
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

    /**
     * zstd into buffers its thread keeps: a page's bytes are gathered into one array and compressed into another,
     * both reused from page to page (a new pair per page was a tenth of the consumer's allocation). Per thread, not
     * per compressor: parquet-java asks for a compressor per column of every row group, so buffers of their own
     * would be fourteen pairs per open file. The page writer copies what {@link #compress(BytesInput)} returns
     * before it returns itself (parquet-java's {@code ColumnChunkPageWriter} collects a data page into its row
     * group's buffer and copies a dictionary page), so the next page on the same thread may overwrite them.
     */
    static final class ZstdCompressor extends Compressor {
        private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

        ZstdCompressor() {
            super(CompressionCodecName.ZSTD);
        }

        @Override
        byte[] compress(byte[] page) {
            return Zstd.compress(page, ZSTD_LEVEL);
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            Buffers buffers = BUFFERS.get();
            PageBuffer page = buffers.page;
            page.reset();
            bytes.writeAllTo(page);
            long bound = Zstd.compressBound(page.size());
            if (bound > Integer.MAX_VALUE - 8) {
                throw new IOException("a page of " + page.size() + " bytes is too large to compress");
            }
            if (buffers.compressed.length < bound) {
                buffers.compressed = new byte[(int) bound];
            }
            long size = Zstd.compressByteArray(buffers.compressed, 0, buffers.compressed.length, page.array(), 0,
                    page.size(), ZSTD_LEVEL);
            if (Zstd.isError(size)) {
                throw new IOException("zstd could not compress a page of " + page.size() + " bytes: "
                        + Zstd.getErrorName(size));
            }
            return BytesInput.from(buffers.compressed, 0, (int) size);
        }
    }

    /** A thread's two page buffers, grown to its largest page. */
    private static final class Buffers {
        final PageBuffer page = new PageBuffer();
        byte[] compressed = new byte[0];
    }

    /** A growing byte array that is reset, not replaced, between pages. */
    private static final class PageBuffer extends ByteArrayOutputStream {
        PageBuffer() {
            super(0);
        }

        byte[] array() {
            return buf;
        }
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
