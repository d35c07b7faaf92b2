package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training's warm-up must take the path of valid records: if its records stopped being valid, the AOT cache would
 * hold the profiles of the dead-letter path instead, and nothing would say so.
 */
class ClassDataTrainingWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void everyWarmUpRecordIsValidAndBecomesARowOfAFileLeftBehindNowhere() throws Exception {
        ConsumerConfig config = ConsumerConfig.fromEnvironment(Map.of(ConsumerConfig.S3_BUCKET.env(), "training",
                ConsumerConfig.SPOOL_DIR.env(), dir.resolve("spool").toString()));
        Path file = dir.resolve("warm-up.parquet");

        long rows = ClassDataTraining.warmUp(config, file, 2_000);

        assertThat(rows).isEqualTo(2_000);
        assertThat(file).as("the writer removes its file once written: the training leaves nothing").doesNotExist();
    }

    @Test
    void warmUpRecordsTakeTheOnePassReaderAndVaryLikeTraffic() {
        var decoder = new EventDecoder(1 << 20);
        var eventIds = new HashSet<String>();
        var sessions = new HashSet<String>();
        for (int i = 0; i < 1_000; i++) {
            var result = decoder.decode(ClassDataTraining.record(i, 1_768_816_800_000L + i));
            assertThat(result).as("record %d", i).isInstanceOf(DecodeResult.Valid.class);
            var valid = (DecodeResult.Valid) result;
            assertThat(valid.source()).as("read by the one-pass reader, as the producer's records are").isNotNull();
            eventIds.add(valid.event().eventId());
            sessions.add(valid.event().sessionId());
        }
        assertThat(eventIds).hasSize(1_000);
        assertThat(sessions).hasSize(200);
    }
}
