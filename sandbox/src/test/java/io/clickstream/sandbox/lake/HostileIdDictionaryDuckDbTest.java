package io.clickstream.sandbox.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.parquet.ParquetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id dictionaries past the default cap, with values readers find awkward: a session_id dictionary of 3 MB of
 * 4-byte UTF-8 that never overflows its 4 MB cap, a user_id one of 3-byte UTF-8 that overflows into plain pages
 * mid-chunk, empty strings, and nulls. DuckDB reads every value back in place.
 */
class HostileIdDictionaryDuckDbTest {
    private static final Instant T0 = Instant.parse("2026-01-19T10:15:30.123Z");

    @TempDir
    Path dir;

    @Test
    void hugeAndOverflowingIdDictionariesWithEmptyAndFourByteValuesReadBackByDuckDb() throws Exception {
        Path root = dir.resolve("lake");
        Path file = root.resolve("year=2026/month=01/day=19/hour=10/events.parquet");
        Files.createDirectories(file.getParent());
        var random = new SplittableRandom(21);
        int sessions = 60_000;
        List<String> sessionIds = new ArrayList<>(sessions);
        List<String> userIds = new ArrayList<>(sessions);
        for (int s = 0; s < sessions; s++) {
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            sessionIds.add(s % 97 == 0 ? "" : "\uD83D\uDE00\uD835\uDD30-" + uuid);
            // 128 characters (the validator's limit), 312 bytes: 60,000 of them are 19 MB, past the 4 MB cap.
            userIds.add(s % 89 == 0 ? "" : uuid + "\u6771".repeat(92));
        }
        int rows = 3 * sessions;
        var writer = new EventFileWriter(file, new ParquetSettings("zstd", 32L << 20, 64 * 1024, 4L << 20));
        List<Integer> sessionOfRow = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            // Sessions of three events, 64 interleaved at a time.
            int s = i % 64 + 64 * (i / 192);
            s = Math.min(s, sessions - 1);
            sessionOfRow.add(s);
            String ip = i % 5 == 0 ? null : i % 7 == 0 ? "" : "2001:db8::" + Integer.toHexString(s);
            writer.write(new ClickEvent("e-" + i, userIds.get(s), sessionIds.get(s), EventType.PAGE_VIEW, T0.plusMillis(i),
                    "https://shop.example.com/", null, ip, null, "UA", "mobile"), T0, 3, i);
        }
        assertThat(writer.finish()).isPositive();

        try (var lake = new LakeQuery(root)) {
            String meta = "parquet_metadata('" + file.toString().replace("'", "''") + "')";
            List<Object> userEncodings = lake.rows("SELECT DISTINCT unnest(string_split(encodings, ', ')) FROM " + meta
                    + " WHERE path_in_schema = 'user_id'").stream().map(r -> r.get(0)).toList();
            List<Object> sessionEncodings = lake.rows("SELECT DISTINCT unnest(string_split(encodings, ', ')) FROM "
                    + meta + " WHERE path_in_schema = 'session_id'").stream().map(r -> r.get(0)).toList();
            System.out.printf("row groups %d; user_id %s; session_id %s%n",
                    lake.scalar("SELECT count(DISTINCT row_group_id) FROM " + meta), userEncodings, sessionEncodings);
            assertThat(userEncodings).contains("PLAIN_DICTIONARY", "PLAIN");
            assertThat(sessionEncodings).contains("PLAIN_DICTIONARY").doesNotContain("PLAIN");

            List<List<Object>> back = lake.rows("SELECT kafka_offset, user_id, session_id, ip_address FROM "
                    + lake.source() + " ORDER BY kafka_offset");
            assertThat(back).hasSize(rows);
            for (int i = 0; i < rows; i++) {
                int s = sessionOfRow.get(i);
                List<Object> row = back.get(i);
                assertThat(((Number) row.get(0)).longValue()).isEqualTo(i);
                assertThat(row.get(1)).as("user_id of row %d", i).isEqualTo(userIds.get(s));
                assertThat(row.get(2)).as("session_id of row %d", i).isEqualTo(sessionIds.get(s));
                String ip = i % 5 == 0 ? null : i % 7 == 0 ? "" : "2001:db8::" + Integer.toHexString(s);
                assertThat(row.get(3)).as("ip_address of row %d", i).isEqualTo(ip);
            }
        }
    }
}
