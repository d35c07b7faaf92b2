package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.producer.testing.FakeTime;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** All against a fake clock: sleeping advances it, nothing really waits. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private final SplittableRandom random = new SplittableRandom(17);

    /**
     * Sends for {@code seconds} of fake time; each send costs {@code maxSendCostNanos} at most, and
     * each sleep overshoots like a real scheduler. Returns the events sent in each second.
     */
    private long[] run(double rate, FakeTime time, long maxSendCostNanos, int seconds) throws InterruptedException {
        var limiter = new RateLimiter(rate, time, time);
        long start = time.nanoTime();
        long[] perSecond = new long[seconds];
        while (true) {
            assertThat(limiter.acquire(() -> false)).isTrue();
            long second = (time.nanoTime() - start) / SECOND;
            if (second >= seconds) {
                return perSecond;
            }
            perSecond[(int) second]++;
            time.advance(maxSendCostNanos == 0 ? 0 : random.nextLong(maxSendCostNanos));
        }
    }

    private static long sum(long[] counts, int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += counts[i];
        }
        return total;
    }

    @Test
    void holdsTheTargetRateOverTenSecondsDespiteOversleepingAndSlowSends() throws InterruptedException {
        // sleeps overshoot by 50 us to 2 ms; a send takes up to 400 us
        var time = new FakeTime().sleepsFor(n -> n + 50_000 + random.nextLong(1_950_000));
        long[] perSecond = run(1000, time, 400_000, 30);
        for (int window = 0; window + 10 <= 30; window += 10) {
            long events = sum(perSecond, window, window + 10);
            double error = Math.abs(events - 10_000) / 10_000.0;
            System.out.printf(Locale.ROOT, "rate limiter at 1000/s: %d events in 10 s window %d (error %.3f%%)%n",
                    events, window / 10, error * 100);
            assertThat(error).isLessThan(0.05);
            assertThat(error).as("in fact far better than the 5%% asked for").isLessThan(0.001);
        }
    }

    @Test
    void holdsHighRatesEvenWhenASleepLastsAtLeastAMillisecond() throws InterruptedException {
        // a coarse scheduler: no sleep shorter than 1 ms, so many events must go per wake-up
        var time = new FakeTime().sleepsFor(n -> Math.max(n, 1_000_000) + random.nextLong(500_000));
        long[] perSecond = run(50_000, time, 2_000, 10);
        long events = sum(perSecond, 0, 10);
        System.out.printf(Locale.ROOT, "rate limiter at 50000/s: %d events in 10 s (error %.3f%%)%n",
                events, Math.abs(events - 500_000) / 5_000.0);
        assertThat((double) events).isCloseTo(500_000, within(500_000 * 0.05));
        for (long n : perSecond) {
            assertThat((double) n).isCloseTo(50_000, within(50_000 * 0.05));
        }
    }

    @Test
    void fractionalRatesWork() throws InterruptedException {
        long[] perSecond = run(0.5, new FakeTime(), 0, 10);
        assertThat(sum(perSecond, 0, 10)).isEqualTo(5);
    }

    @Test
    void afterAShortStallItCatchesUpButAfterALongOneItDoesNotFlood() throws InterruptedException {
        var time = new FakeTime();
        var limiter = new RateLimiter(100, time, time);
        for (int i = 0; i < 100; i++) {
            limiter.acquire(() -> false);
        }
        time.advance(SECOND / 2); // a half-second stall: 50 events behind
        int immediate = 0;
        long before = time.nanoTime();
        while (true) {
            limiter.acquire(() -> false);
            if (time.nanoTime() != before) {
                break;
            }
            immediate++;
        }
        assertThat(immediate).as("the missed events go at once").isBetween(49, 51);

        time.advance(60 * SECOND); // a minute-long stall (a broker away): at most one second is made up
        before = time.nanoTime();
        immediate = 0;
        while (true) {
            limiter.acquire(() -> false);
            if (time.nanoTime() != before) {
                break;
            }
            immediate++;
        }
        assertThat(immediate).isBetween(100, 101);
    }

    @Test
    void zeroMeansUnlimitedAndNeverSleeps() throws InterruptedException {
        var time = new FakeTime();
        var limiter = new RateLimiter(0, time, time);
        for (int i = 0; i < 100_000; i++) {
            assertThat(limiter.acquire(() -> false)).isTrue();
        }
        assertThat(time.sleeps()).isEmpty();
        assertThat(limiter.isUnlimited()).isTrue();
    }

    @Test
    void aStopRequestEndsAWaitWithinAFractionOfASecond() throws InterruptedException {
        var stop = new AtomicBoolean();
        var time = new FakeTime();
        var limiter = new RateLimiter(0.01, time, time); // one event per 100 s
        assertThat(limiter.acquire(stop::get)).isTrue();
        long start = time.nanoTime();
        time.onSleep(() -> stop.set(time.nanoTime() - start >= SECOND));
        assertThat(limiter.acquire(stop::get)).isFalse();
        assertThat(time.nanoTime() - start).isLessThanOrEqualTo(SECOND + RateLimiter.MAX_SLEEP_NANOS);
    }

    @Test
    void rejectsNegativeRates() {
        var time = new FakeTime();
        assertThatThrownBy(() -> new RateLimiter(-1, time, time)).isInstanceOf(IllegalArgumentException.class);
    }
}
