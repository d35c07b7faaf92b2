package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.testing.FakeTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private final FakeTime time = new FakeTime();
    private final DeliveryCounters counters = new DeliveryCounters();

    private void send(int sent, int acked, int failed) {
        for (int i = 0; i < sent; i++) {
            counters.sent();
        }
        for (int i = 0; i < acked; i++) {
            counters.acked();
        }
        for (int i = 0; i < failed; i++) {
            counters.failed("TimeoutException");
        }
    }

    @Test
    void showsCountsTheRateOfTheLastIntervalAndHowLateTheLatestEventWent() {
        var behind = new AtomicLong();
        var reporter = new ProgressReporter(counters, 1000, behind::get, time);
        send(10_000, 9_900, 0);
        time.advanceMillis(10_000);
        assertThat(reporter.line()).isEqualTo(
                "progress: sent=10,000 acked=9,900 failed=0 in-flight=100 rate=1,000/s target=1,000/s behind=0.0s");

        send(2_000, 2_000, 50); // the broker went away: sending slowed down, some events failed
        behind.set(8_400_000_000L);
        time.advanceMillis(10_000);
        assertThat(reporter.line()).isEqualTo(
                "progress: sent=12,000 acked=11,900 failed=50 in-flight=50 rate=200/s target=1,000/s behind=8.4s");

        time.advanceMillis(10_000); // nothing moves at all
        assertThat(reporter.line()).isEqualTo("progress: sent=12,000 acked=11,900 failed=50 in-flight=50 rate=0/s "
                + "target=1,000/s behind=8.4s - nothing acknowledged for 10s: waiting for the broker");
    }

    @Test
    void anUnlimitedRunHasNoTarget() {
        var reporter = new ProgressReporter(counters, 0, () -> 0L, time);
        send(500_000, 500_000, 0);
        time.advanceMillis(10_000);
        assertThat(reporter.line())
                .isEqualTo("progress: sent=500,000 acked=500,000 failed=0 in-flight=0 rate=50,000/s behind=0.0s");
    }
}
