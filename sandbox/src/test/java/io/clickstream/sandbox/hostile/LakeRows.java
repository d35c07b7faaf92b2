package io.clickstream.sandbox.hostile;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.sandbox.lake.LakeDownloader;
import io.clickstream.sandbox.lake.LakeQuery;
import io.clickstream.sandbox.testing.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/** The lake's event rows, read back from S3 with DuckDB, to compare with what the decoder makes of the records. */
final class LakeRows {
    private LakeRows() {
    }

    /**
     * The event columns of every row, in {@link #columnsOf} order, by {@code "partition@offset"}; {@code filter} is a
     * SQL condition on the rows, or empty for all of them.
     */
    static Map<String, List<Object>> byPartitionAndOffset(S3Client s3, Names names, String filter) throws IOException {
        Path dir = Files.createTempDirectory("lake-rows-");
        try {
            LakeDownloader.download(s3, names.bucket(), names.prefix(), dir);
            Map<String, List<Object>> rows = new HashMap<>();
            try (var lake = new LakeQuery(dir.resolve(names.prefix()))) {
                for (List<Object> row : lake.rows("SELECT kafka_partition, kafka_offset, event_id, user_id, session_id,"
                        + " event_type, epoch_us(\"timestamp\"), page_url, product_id, ip_address, referrer, user_agent,"
                        + " device FROM " + lake.source() + (filter.isEmpty() ? "" : " WHERE " + filter))) {
                    rows.put(row.get(0) + "@" + row.get(1), row.subList(2, row.size()));
                }
            }
            return rows;
        } finally {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** What a row of the event holds, as {@link #byPartitionAndOffset} reads it. */
    static List<Object> columnsOf(ClickEvent event) {
        return Arrays.asList(event.eventId(), event.userId(), event.sessionId(), event.eventType().wireName(),
                micros(event.timestamp()), event.pageUrl(), event.productId(), event.ipAddress(), event.referrer(),
                event.userAgent(), event.device());
    }

    /** Parquet keeps microseconds: the instant truncated, as DuckDB's epoch_us reads it back. */
    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
