package io.clickstream.consumer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads Parquet files back without Hadoop's file system, as an independent check of what was written.
 * Values are the stored ones: strings as {@code Utf8}, timestamps as epoch microseconds.
 */
public final class ParquetFiles {

    private ParquetFiles() {
    }

    public static List<GenericRecord> rows(Path file) {
        var rows = new ArrayList<GenericRecord>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
                .<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                // No logical-type conversions: timestamps come back as the stored micros, not as Instants.
                .withDataModel(new GenericData())
                .build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    /** Rows of an object's bytes, through a temporary copy in {@code scratch}. */
    public static List<GenericRecord> rows(byte[] parquet, Path scratch) {
        try {
            Path tmp = Files.createTempFile(scratch, "object-", ".parquet");
            try {
                Files.write(tmp, parquet);
                return rows(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ParquetMetadata footer(Path file) {
        try (var reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            return reader.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer of " + file, e);
        }
    }
}
