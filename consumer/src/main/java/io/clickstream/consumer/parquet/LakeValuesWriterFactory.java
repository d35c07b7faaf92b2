package io.clickstream.consumer.parquet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The encoders of one file's columns: parquet-java's for writer version 1 (PLAIN, PLAIN_DICTIONARY, the encodings
 * every reader of v1 files reads), except that a string column with a dictionary gets a
 * {@link CompactBinaryDictionaryWriter}, capped at its own size where {@code dictionaryBytes} names the column
 * and at the dictionary page size otherwise, and falling back to plain encoding as parquet-java's does.
 *
 * <p>One instance per file: it remembers each column's current dictionary so that {@link #dictionaryHeapBytes()}
 * can tell the memory budget what they hold. Parquet asks for new encoders at every row group; the newest
 * replaces the one before (whose dictionary went out with its row group).
 */
final class LakeValuesWriterFactory implements ValuesWriterFactory {
    private final ValuesWriterFactory defaults = new DefaultV1ValuesWriterFactory();
    private final Map<String, Integer> dictionaryBytes;
    // Written on the thread that writes the file, read by the one that checks the budget.
    private final Map<String, CompactBinaryDictionaryWriter> dictionaries = new ConcurrentHashMap<>();
    private ParquetProperties properties;

    /** @param dictionaryBytes dictionary caps of particular columns (top-level names), in encoded bytes */
    LakeValuesWriterFactory(Map<String, Integer> dictionaryBytes) {
        this.dictionaryBytes = Map.copyOf(dictionaryBytes);
    }

    @Override
    public void initialize(ParquetProperties parquetProperties) {
        this.properties = parquetProperties;
        defaults.initialize(parquetProperties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor column) {
        if (column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
                || !properties.isDictionaryEnabled(column)) {
            return defaults.newValuesWriter(column);
        }
        String name = String.join(".", column.getPath());
        var dictionary = new CompactBinaryDictionaryWriter(
                dictionaryBytes.getOrDefault(name, properties.getDictionaryPageSizeThreshold()), properties.getAllocator());
        dictionaries.put(name, dictionary);
        return FallbackValuesWriter.of(dictionary, new PlainValuesWriter(properties.getInitialSlabSize(),
                properties.getPageSizeThreshold(), properties.getAllocator()));
    }

    /** Heap held by the string columns' dictionaries of the row group being written. */
    long dictionaryHeapBytes() {
        long sum = 0;
        for (CompactBinaryDictionaryWriter dictionary : dictionaries.values()) {
            sum += dictionary.heapBytes();
        }
        return sum;
    }
}
