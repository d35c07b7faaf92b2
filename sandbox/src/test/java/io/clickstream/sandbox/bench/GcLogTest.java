package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
    private static final long MB = 1 << 20;

    @Test
    void allocationIsWhatTheHeapGrewByBetweenCollectionsAndPeaksAreTheLargestSizes(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.012s][info][gc] Using G1
                [0.345s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.123ms
                [0.645s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 30M->6M(256M) 2.100ms
                [0.945s][info][gc] GC(2) Pause Young (Concurrent Start) (G1 Humongous Allocation) 50M->10M(512M) 2.1ms
                [0.950s][info][gc] GC(2) Pause Remark 12M->12M(512M) 1.000ms
                [0.951s][info][gc] GC(2) Concurrent Mark Cycle 6.000ms
                """);

        GcLog gc = GcLog.parse(log);

        assertThat(gc.collections()).isEqualTo(4);
        assertThat(gc.allocatedBytes()).isEqualTo((24 + (30 - 4) + (50 - 6) + (12 - 10)) * MB);
        assertThat(gc.peakUsedBytes()).isEqualTo(50 * MB);
        assertThat(gc.peakAfterGcBytes()).isEqualTo(12 * MB);
        assertThat(gc.peakCommittedBytes()).isEqualTo(512 * MB);
    }

    @Test
    void aMissingLogOrOneWithoutACollectionTellsNothing(@TempDir Path dir) throws IOException {
        assertThat(GcLog.parse(dir.resolve("absent.log")).allocatedBytes()).isEqualTo(-1);

        Path log = dir.resolve("gc.log");
        Files.writeString(log, "[0.012s][info][gc] Using G1\n");
        GcLog gc = GcLog.parse(log);
        assertThat(gc.collections()).isZero();
        assertThat(gc.allocatedBytes()).isEqualTo(-1);
    }
}
