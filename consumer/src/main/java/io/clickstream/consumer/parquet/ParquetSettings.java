package io.clickstream.consumer.parquet;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How files are encoded: codec, row-group and page sizes, and the dictionary cap of the columns whose values
 * repeat for every event of a session ({@code user_id}, {@code session_id}, {@code ip_address}); other columns'
 * dictionaries are capped at a page. Dictionary encoding is always on (but for {@code event_id} and
 * {@code kafka_offset}).
 */
public record ParquetSettings(String compression, long rowGroupBytes, long pageBytes, long idDictionaryBytes) {
    /** {@code PARQUET_ID_DICTIONARY_BYTES}'s default. */
    public static final long DEFAULT_ID_DICTIONARY_BYTES = 2L << 20;

    public ParquetSettings {
        if (idDictionaryBytes < 1 || idDictionaryBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idDictionaryBytes out of range: " + idDictionaryBytes);
        }
    }

    /** With the default cap of the id columns' dictionaries. */
    public ParquetSettings(String compression, long rowGroupBytes, long pageBytes) {
        this(compression, rowGroupBytes, pageBytes, DEFAULT_ID_DICTIONARY_BYTES);
    }

    public CompressionCodecName codec() {
        return CompressionCodecName.valueOf(compression.toUpperCase(Locale.ROOT));
    }
}
