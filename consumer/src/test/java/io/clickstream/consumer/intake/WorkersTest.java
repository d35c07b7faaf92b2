package io.clickstream.consumer.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkersTest {

    @ParameterizedTest(name = "{0} items on {1} threads")
    @CsvSource({"0,2", "1,2", "2,2", "12,2", "1000,3", "1000,1"})
    void runsTheActionExactlyOnceForEveryItem(int count, int threads) {
        List<Integer> items = IntStream.range(0, count).boxed().toList();
        var runs = new AtomicIntegerArray(count);
        try (var workers = new Workers(threads, "test")) {
            workers.forEach(items, i -> runs.incrementAndGet(i));
        }
        for (int i = 0; i < count; i++) {
            assertThat(runs.get(i)).as("item %d", i).isEqualTo(1);
        }
    }

    @Test
    void theCallerWorksAlongsideTheHelpers() {
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        try (var workers = new Workers(2, "test")) {
            workers.forEach(items, i -> {
                threadNames.add(Thread.currentThread().getName());
                sleep(2);
            });
        }
        assertThat(threadNames).contains(Thread.currentThread().getName(), "test-1");
    }

    @Test
    void oneThreadMeansTheCallerOnly() {
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        try (var workers = new Workers(1, "test")) {
            workers.forEach(List.of(1, 2, 3), i -> threadNames.add(Thread.currentThread().getName()));
        }
        assertThat(threadNames).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aFailingItemIsRethrownAfterTheOthersStopped() {
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        try (var workers = new Workers(2, "test")) {
            assertThatThrownBy(() -> workers.forEach(items, i -> {
                if (i == 37) {
                    throw new IllegalStateException("item 37 broke");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("item 37 broke");
            // and the workers stay usable
            var runs = new AtomicIntegerArray(10);
            workers.forEach(IntStream.range(0, 10).boxed().toList(), runs::incrementAndGet);
            assertThat(runs.toString()).isEqualTo("[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]");
        }
    }

    @Test
    void atLeastOneThreadIsNeeded() {
        assertThatThrownBy(() -> new Workers(0, "test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
