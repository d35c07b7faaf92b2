package io.clickstream.consumer.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.clickstream.testkit.LogCapture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
    private static final String LOGGER = "test.invalid-records";
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LogCapture capture = LogCapture.of(LOGGER).atLevel(Level.WARN).quiet();
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(LOGGER), 3, Duration.ofMinutes(1), now::get);

    @AfterEach
    void close() {
        capture.close();
    }

    @Test
    void theFirstBurstIsLoggedOneLineEach() {
        log.warn("bad 1");
        log.warn("bad 2");
        log.warn("bad 3");

        assertThat(capture.messages()).containsExactly("bad 1", "bad 2", "bad 3");
        assertThat(capture.events()).allMatch(e -> e.getLevel() == Level.WARN);
        assertThat(log.suppressed()).isZero();
    }

    @Test
    void beyondTheBurstRecordsAreOnlyCounted() {
        for (int i = 1; i <= 10; i++) {
            log.warn("bad " + i);
        }

        assertThat(capture.messages()).containsExactly("bad 1", "bad 2", "bad 3");
        assertThat(log.suppressed()).isEqualTo(7);
    }

    @Test
    void afterTheIntervalOneCountLineReportsWhatWasSuppressedAndANewBurstStarts() {
        for (int i = 1; i <= 10; i++) {
            log.warn("bad " + i);
        }
        now.addAndGet(60_000);

        log.warn("bad 11");

        assertThat(capture.messages()).containsExactly("bad 1", "bad 2", "bad 3",
                "7 more invalid records in the last 60 s (not logged one by one)", "bad 11");
        assertThat(log.suppressed()).isZero();
    }

    @Test
    void oneCountLinePerIntervalHoweverManyRecords() {
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < 100; i++) {
                log.warn("bad");
                now.addAndGet(100); // 10 s of records per minute
            }
            now.addAndGet(50_000);
        }
        log.warn("last");

        long countLines = capture.messages().stream().filter(m -> m.contains("more invalid records")).count();
        assertThat(countLines).isEqualTo(3);
        assertThat(capture.messages()).filteredOn(m -> m.contains("more invalid records"))
                .allMatch(m -> m.startsWith("97 more invalid records in the last 60 s"));
        assertThat(capture.messages()).filteredOn("bad"::equals).hasSize(9);
    }

    @Test
    void noCountLineWhenNothingWasSuppressed() {
        log.warn("bad 1");
        now.addAndGet(120_000);
        log.warn("bad 2");

        assertThat(capture.messages()).containsExactly("bad 1", "bad 2");
    }

    @Test
    void withinTheIntervalTheBurstDoesNotRefill() {
        for (int i = 0; i < 3; i++) {
            log.warn("bad");
        }
        now.addAndGet(59_999);
        log.warn("still suppressed");

        assertThat(capture.messages()).doesNotContain("still suppressed");
        assertThat(log.suppressed()).isEqualTo(1);
    }
}
