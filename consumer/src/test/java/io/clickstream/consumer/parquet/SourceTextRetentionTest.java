package io.clickstream.consumer.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer takes a string's bytes from the record, but must not keep the record once its row is written: nothing
 * counts those bytes against the memory budget, and a record may be megabytes (whitespace between the members is
 * plain JSON, read by the fast path) while its strings are a few hundred bytes. An open file of every partition and
 * hour would each hold its last record.
 */
class SourceTextRetentionTest {
    private static final Instant INGESTED = Instant.parse("2026-01-19T10:15:31.007Z");
    private static final int PADDING = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void anOpenFileKeepsNoRecordWhoseRowItWrote() throws Exception {
        try (var writer = new EventFileWriter(dir.resolve("open.parquet"), new ParquetSettings("zstd", 1L << 20, 64 * 1024))) {
            List<WeakReference<byte[]>> records = writeRows(writer, 20);

            assertThat(collected(records)).as("records still reachable from the open writer, of %d", records.size())
                    .isEqualTo(records.size());
            assertThat(writer.rows()).isEqualTo(20);
        }
    }

    /** In a frame of its own, so that no local variable of the test keeps a record alive. */
    private static List<WeakReference<byte[]>> writeRows(EventFileWriter writer, int count) {
        var decoder = new EventDecoder(1 << 20);
        List<WeakReference<byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] json = ("{\"event_id\":\"e-" + i + "\"," + " ".repeat(PADDING) + "\"user_id\":\"u-" + (i % 3)
                    + "\",\"session_id\":\"s-" + (i % 5) + "\",\"event_type\":\"page_view\",\"timestamp\":"
                    + (1_768_817_730_000L + i) + ",\"page_url\":\"https://shop.example.com/p/" + i
                    + "\",\"ip_address\":\"10.0.0." + i + "\",\"user_agent\":\"Mozilla/5.0\",\"device\":\"mobile\"}")
                    .getBytes(StandardCharsets.UTF_8);
            var valid = (DecodeResult.Valid) decoder.decode(json);
            assertThat(valid.source()).as("read by the fast path").isNotNull();
            writer.write(valid.event(), valid.source(), INGESTED, 0, i);
            records.add(new WeakReference<>(json));
        }
        return records;
    }

    /** How many of the records the collector freed, after a few full collections. */
    private static int collected(List<WeakReference<byte[]>> records) throws InterruptedException {
        int freed = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            System.gc();
            Thread.sleep(20);
            freed = (int) records.stream().filter(r -> r.get() == null).count();
            if (freed == records.size()) {
                break;
            }
        }
        return freed;
    }
}
