package io.clickstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "0ms, PT0S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "1d, PT24H", "500MS, PT0.5S",
            "PT30S, PT30S", "pt30s, PT30S", "P1D, PT24H", "PT0.25S, PT0.25S", "' 5m ', PT5M", "5 m, PT5M",
            "999999999999d, PT23999999999976H"})
    void parsesDurationsWithAUnitOrInIso8601(String text, Duration expected) {
        assertThat(Units.parseDuration(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "5", "5 minutes", "5min", "1.5s", "-1s", "s", "5w", "1h30m", "P", "PT", "P1Y",
            "P1M", "1000000000000d", "\u0665s"})
    void rejectsAnythingElseAsADuration(String text) {
        assertThat(Units.parseDuration(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1048576, 1048576", "100b, 100", "1k, 1024", "1KB, 1024", "1KiB, 1024", "64MB, 67108864",
            "64 mb, 67108864", "64mib, 67108864", "1m, 1048576", "1GB, 1073741824", "2g, 2147483648", "8GiB, 8589934592"})
    void parsesSizesWithBinaryUnits(String text, long expected) {
        assertThat(Units.parseBytes(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "1.5MB", "-1", "1TB", "1 K B", "0x10", "1e6", "9999999999999999",
            "999999999999999GB"})
    void rejectsAnythingElseAsASize(String text) {
        assertThat(Units.parseBytes(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0B", "1, 1B", "1000, 1000B", "1024, 1KB", "1536, 1536B", "524288, 512KB", "67108864, 64MB",
            "1073741824, 1GB", "3221225472, 3GB", "1073742848, 1048577KB"})
    void formatsSizesInTheLargestExactUnit(long bytes, String expected) {
        assertThat(Units.formatBytes(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1KB", "512KB", "64MB", "3GB", "100B"})
    void formattedSizesParseBackToTheSameValue(String text) {
        long bytes = Units.parseBytes(text).orElseThrow();

        assertThat(Units.parseBytes(Units.formatBytes(bytes))).contains(bytes);
    }
}
