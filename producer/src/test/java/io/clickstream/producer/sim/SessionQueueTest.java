package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionQueueTest {

    private static Session session(long nextEventNanos) {
        var session = new Session(0, 0, 0);
        session.nextEventNanos = nextEventNanos;
        return session;
    }

    /** Random adds, removals and moved tops, checked against java.util.PriorityQueue's order. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void alwaysHandsOutTheSessionWithTheEarliestNextEvent(long seed) {
        var random = new SplittableRandom(seed);
        var queue = new SessionQueue();
        var reference = new PriorityQueue<Long>();
        for (int i = 0; i < 50_000; i++) {
            double u = random.nextDouble();
            if (queue.isEmpty() || u < 0.4) {
                long time = random.nextLong(1_000_000);
                queue.add(session(time));
                reference.add(time);
            } else if (u < 0.7) {
                assertThat(queue.peek().nextEventNanos).isEqualTo(reference.poll());
                queue.removeTop();
            } else {
                Session top = queue.peek();
                assertThat(top.nextEventNanos).isEqualTo(reference.poll());
                top.nextEventNanos += random.nextLong(10_000);
                reference.add(top.nextEventNanos);
                queue.updateTop();
            }
            assertThat(queue.size()).isEqualTo(reference.size());
            assertThat(queue.peekTime()).isEqualTo(reference.isEmpty() ? Long.MAX_VALUE : reference.peek());
        }
    }

    @Test
    void anEmptyQueueHasNoTopAndNoTime() {
        var queue = new SessionQueue();
        assertThat(queue.peekTime()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(queue::peek).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(queue::removeTop).isInstanceOf(NoSuchElementException.class);
    }
}
