package io.clickstream.consumer.parquet;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** How files are encoded: codec, row-group and page sizes. Dictionary encoding is always on. */
public record ParquetSettings(String compression, long rowGroupBytes, long pageBytes) {

    public CompressionCodecName codec() {
        return CompressionCodecName.valueOf(compression.toUpperCase(Locale.ROOT));
    }
}
