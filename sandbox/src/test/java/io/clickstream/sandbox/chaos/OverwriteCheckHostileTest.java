package io.clickstream.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Hostile cases for {@link OverwriteCheck}: malformed or missing metadata, odd writers, many threads. */
class OverwriteCheckHostileTest {

    private static Map<String, String> object(String partition, String first, String last) {
        Map<String, String> m = new HashMap<>();
        if (partition != null) {
            m.put(OverwriteCheck.PARTITION, partition);
        }
        if (first != null) {
            m.put(OverwriteCheck.FIRST_OFFSET, first);
        }
        if (last != null) {
            m.put(OverwriteCheck.LAST_OFFSET, last);
        }
        return m;
    }

    /**
     * A kafka-partition that is a number but no int (2^32) says nothing usable: it must read as "no partition" (-1),
     * like any other malformed value, not wrap round to partition 0 (ChaosRun then judges the object against
     * partition 0's committed offset).
     */
    @Test
    void aPartitionBeyondTheIntRangeIsMalformedNotWrappedRound() {
        assertThat(OverwriteCheck.Offsets.of(object("4294967296", "0", "5")).partition()).isEqualTo(-1);
        assertThat(OverwriteCheck.Offsets.of(object("4294967297", "0", "5")).partition()).isEqualTo(-1);
    }

    @Test
    void malformedOrMissingOffsetsReadAsMinusOne() {
        assertThat(OverwriteCheck.Offsets.of(object("x", " 1", "1e3")))
                .isEqualTo(new OverwriteCheck.Offsets(-1, -1, -1));
        assertThat(OverwriteCheck.Offsets.of(Map.of())).isEqualTo(new OverwriteCheck.Offsets(-1, -1, -1));
        assertThat(OverwriteCheck.Offsets.of(object("3", "99999999999999999999", "7")))
                .isEqualTo(new OverwriteCheck.Offsets(3, -1, 7));
    }

    /** The replaced object's metadata is what matters: a replaced object with no usable last offset is not judged. */
    @Test
    void aReplacedObjectWithoutAUsableLastOffsetIsNeverFlagged() {
        var check = new OverwriteCheck();
        check.written("k", object("0", "0", null), object("0", "0", "5"), 1_000, 1_000_000L);
        check.written("k", object("0", "0", "garbage"), object("0", "0", "5"), 2_000, 1_000_000L);
        check.written("k", object("0", "0", "-7"), object("0", "0", "5"), 3_000, 1_000_000L);
        assertThat(check.overwrites()).isEmpty();
    }

    /** committed == last + 1 means exactly committed past; committed == last means the last record is not. */
    @Test
    void theBoundaryIsCommittedPastTheLastOffset() {
        var check = new OverwriteCheck();
        check.written("a", object("0", "0", "99"), object("0", "0", "99"), 1_000, 99L);
        assertThat(check.overwrites()).isEmpty();
        check.written("b", object("0", "0", "99"), object("0", "0", "99"), 2_000, 100L);
        assertThat(check.overwrites()).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("b");
            assertThat(o.committed()).isEqualTo(100L);
        });
    }

    /** Writers are named by key and offsets, and two different writers logging the same object are both named. */
    @Test
    void writersAreNamedFromTheLogLinesWhicheverCameFirst() {
        var check = new OverwriteCheck();
        check.written("k", object("0", "0", "10"), object("0", "0", "4"), 5_000, 50L);
        assertThat(check.overwrites()).singleElement().satisfies(o -> {
            assertThat(o.replacedBy()).isEqualTo("a writer that logged no upload");
            assertThat(o.writtenBy()).isEqualTo("a writer that logged no upload");
        });
        check.upload("consumer-1", new UploadLine("k", 0, 0, 10));
        check.upload("consumer-1", new UploadLine("k", 0, 0, 10));
        check.upload("consumer-2", new UploadLine("k", 0, 0, 10));
        check.upload("consumer-3", new UploadLine("k", 0, 0, 4));
        assertThat(check.overwrites()).singleElement().satisfies(o -> {
            assertThat(o.replacedBy()).isEqualTo("consumer-1 or consumer-2");
            assertThat(o.writtenBy()).isEqualTo("consumer-3");
        });
    }

    /** A writer that logs the same object again after another writer did is still named once. */
    @Test
    void aWriterThatLogsTheSameObjectAgainIsNamedOnce() {
        var check = new OverwriteCheck();
        check.written("k", object("0", "0", "10"), object("0", "0", "4"), 5_000, 50L);
        check.upload("consumer-1", new UploadLine("k", 0, 0, 10));
        check.upload("consumer-2", new UploadLine("k", 0, 0, 10));
        check.upload("consumer-2", new UploadLine("k", 0, 0, 10));
        assertThat(check.overwrites()).singleElement()
                .satisfies(o -> assertThat(o.replacedBy()).isEqualTo("consumer-1 or consumer-2"));
    }

    /** Server threads report at once: nothing lost. */
    @Test
    void concurrentReportsAreAllKept() throws Exception {
        var check = new OverwriteCheck();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String key = "k-" + thread + "-" + i;
                        check.written(key, object("0", "0", "9"), object("0", "0", "9"), i, 10L);
                        check.upload("consumer-" + thread, new UploadLine(key, 0, 0, 9));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(check.overwrites()).hasSize(2000)
                .allSatisfy(o -> assertThat(o.writtenBy()).startsWith("consumer-"));
    }
}
