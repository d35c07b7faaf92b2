package io.clickstream.consumer.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/** What the fake bucket holds, read back row by row. */
public final class Lake {

    /** One row's Kafka coordinates. */
    public record Coordinates(int partition, long offset) {
    }

    private Lake() {
    }

    /** Every object's rows' coordinates, by key. */
    public static Map<String, List<Coordinates>> contents(FakeS3Client s3, Path scratch) {
        var out = new TreeMap<String, List<Coordinates>>();
        s3.objects().forEach((key, bytes) -> {
            var coordinates = new ArrayList<Coordinates>();
            for (GenericRecord row : ParquetFiles.rows(bytes, scratch)) {
                coordinates.add(new Coordinates((Integer) row.get("kafka_partition"), (Long) row.get("kafka_offset")));
            }
            out.put(key, coordinates);
        });
        return out;
    }

    /** Every row's coordinates across all objects, repeats included. */
    public static List<Coordinates> rows(FakeS3Client s3, Path scratch) {
        return contents(s3, scratch).values().stream().flatMap(List::stream).toList();
    }
}
