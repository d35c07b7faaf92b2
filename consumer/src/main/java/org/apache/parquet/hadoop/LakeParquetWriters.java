package org.apache.parquet.hadoop;

import java.io.IOException;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Opens a {@link ParquetWriter} with {@link ParquetProperties} built by the caller. {@code ParquetWriter.Builder}
 * builds its properties itself and has no way to set their {@code ValuesWriterFactory} (which chooses each
 * column's encoder), and the constructor that takes them is package-private: hence this one class in parquet's
 * package (as Spark does for parquet's filter API). Everything else is what {@code Builder.build()} passes for an
 * {@link OutputFile} with a {@link PlainParquetConfiguration}: no validation, the default padding, no encryption.
 * A change of that constructor in a later parquet-java fails the build here, not at run time.
 */
public final class LakeParquetWriters {

    private LakeParquetWriters() {
    }

    public static <T> ParquetWriter<T> open(OutputFile file, ParquetFileWriter.Mode mode, WriteSupport<T> writeSupport,
            CompressionCodecName codec, CompressionCodecFactory codecs, long rowGroupBytes,
            ParquetProperties properties) throws IOException {
        return new ParquetWriter<>(file, mode, writeSupport, codec, codecs, rowGroupBytes, false,
                new PlainParquetConfiguration(), ParquetWriter.MAX_PADDING_SIZE_DEFAULT, properties, null);
    }
}
