package io.clickstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.producer.traffic.OutgoingRecord;
import io.clickstream.producer.traffic.RecordKind;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one delivery callback shared by every record: still reached for each failure, bound to its own publisher, and
 * exact when sends and completions race on several threads.
 */
@Timeout(60)
class EventPublisherCallbackHostileTest {
    private static final RecordMetadata FAILED_METADATA =
            new RecordMetadata(new TopicPartition("clickstream", 0), -1, 0, -1, -1, -1);

    private final ExecutorService threads = Executors.newFixedThreadPool(6);

    @AfterEach
    void shutDown() {
        threads.shutdownNow();
    }

    /** A producer that keeps each send's callback for the test to complete, or completes it at once. */
    private static final class CallbackKeeper {
        final ConcurrentLinkedQueue<Callback> pending = new ConcurrentLinkedQueue<>();
        volatile Exception failSynchronously;

        @SuppressWarnings("unchecked")
        Producer<byte[], byte[]> producer() {
            return (Producer<byte[], byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                        if (method.getName().equals("send") && args.length == 2) {
                            var callback = (Callback) args[1];
                            Exception error = failSynchronously;
                            if (error != null) {
                                // As KafkaProducer does for an ApiException in doSend: the callback, then a failed future.
                                callback.onCompletion(FAILED_METADATA, error);
                            } else {
                                pending.add(callback);
                            }
                            return null;
                        }
                        if (method.getName().equals("flush")) {
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static OutgoingRecord record(int i) {
        return new OutgoingRecord(("s" + i).getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                RecordKind.VALID, null);
    }

    @Test
    void everySendHandsTheProducerTheSameCallbackObject() {
        var keeper = new CallbackKeeper();
        var publisher = new EventPublisher(keeper.producer(), "clickstream", new DeliveryCounters());

        for (int i = 0; i < 100; i++) {
            publisher.send(record(i));
        }

        assertThat(keeper.pending).hasSize(100);
        assertThat(keeper.pending.stream().distinct()).hasSize(1);
    }

    @Test
    void twoPublishersCountTheirCallbacksInTheirOwnCountersWhateverTheOrderOfCompletion() {
        var keeperA = new CallbackKeeper();
        var keeperB = new CallbackKeeper();
        var countersA = new DeliveryCounters();
        var countersB = new DeliveryCounters();
        var publisherA = new EventPublisher(keeperA.producer(), "a", countersA);
        var publisherB = new EventPublisher(keeperB.producer(), "b", countersB);
        for (int i = 0; i < 5; i++) {
            publisherA.send(record(i));
            publisherB.send(record(i));
        }

        assertThat(keeperA.pending.peek()).isNotSameAs(keeperB.pending.peek());
        for (int i = 0; i < 5; i++) {
            keeperB.pending.poll().onCompletion(null, i < 2 ? new TimeoutException("expired") : null);
            keeperA.pending.poll().onCompletion(null, null);
        }

        assertThat(countersA.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(5, 5, 0));
        assertThat(countersB.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(5, 3, 2));
        assertThat(countersB.failuresByError()).containsExactlyEntriesOf(Map.of("TimeoutException", 2L));
    }

    @Test
    void aFailureReportedWithMetadataIsCountedAsFailedNotAcknowledged() {
        var keeper = new CallbackKeeper();
        var counters = new DeliveryCounters();
        var publisher = new EventPublisher(keeper.producer(), "clickstream", counters);
        publisher.send(record(1));

        // Kafka passes placeholder metadata (offset -1) along with the error.
        keeper.pending.poll().onCompletion(FAILED_METADATA, new TimeoutException("Expiring 1 record(s)"));

        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(1, 0, 1));
        assertThat(counters.fatalError()).isNull();
    }

    @Test
    void aWrappedAuthorizationErrorThroughTheCallbackIsFatalByItsRootCause() {
        var keeper = new CallbackKeeper();
        var counters = new DeliveryCounters();
        var publisher = new EventPublisher(keeper.producer(), "clickstream", counters);
        publisher.send(record(1));

        keeper.pending.poll().onCompletion(null,
                new KafkaException(new TopicAuthorizationException("not allowed to write clickstream")));

        assertThat(counters.failuresByError()).containsExactlyEntriesOf(Map.of("TopicAuthorizationException", 1L));
        assertThat(counters.fatalError()).contains("TopicAuthorizationException");
    }

    @Test
    void aCallbackInvokedInsideSendCountsTheRecordOnceAsFailed() {
        var keeper = new CallbackKeeper();
        var counters = new DeliveryCounters();
        var publisher = new EventPublisher(keeper.producer(), "clickstream", counters);
        keeper.failSynchronously = new RecordTooLargeException("The message is 2000000 bytes");

        publisher.send(record(1));
        publisher.send(record(2));

        assertThat(counters.snapshot()).isEqualTo(new DeliveryCounters.Snapshot(2, 0, 2));
        assertThat(counters.failuresByError()).containsExactlyEntriesOf(Map.of("RecordTooLargeException", 2L));
        assertThat(counters.fatalError()).isNull();
    }

    @Test
    void countsStayExactWhenSendsAndCompletionsRaceOnSeveralThreads() throws Exception {
        var keeper = new CallbackKeeper();
        var counters = new DeliveryCounters();
        var publisher = new EventPublisher(keeper.producer(), "clickstream", counters);
        int senders = 3;
        int perSender = 20_000;
        var go = new CountDownLatch(1);
        var sendersDone = new AtomicBoolean();
        var completed = new AtomicLong();
        var expectedFailures = new AtomicLong();

        List<Future<?>> sending = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            sending.add(threads.submit(() -> {
                go.await();
                for (int i = 0; i < perSender; i++) {
                    publisher.send(record(i));
                }
                return null;
            }));
        }
        List<Future<?>> completing = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            completing.add(threads.submit(() -> {
                go.await();
                while (true) {
                    Callback callback = keeper.pending.poll();
                    if (callback == null) {
                        if (sendersDone.get() && keeper.pending.isEmpty()) {
                            return null;
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    long n = completed.incrementAndGet();
                    if (n % 7 == 0) {
                        expectedFailures.incrementAndGet();
                        callback.onCompletion(FAILED_METADATA, new TimeoutException("expired"));
                    } else {
                        callback.onCompletion(null, null);
                    }
                }
            }));
        }
        go.countDown();
        for (var f : sending) {
            f.get(30, TimeUnit.SECONDS);
        }
        sendersDone.set(true);
        for (var f : completing) {
            f.get(30, TimeUnit.SECONDS);
        }

        long total = (long) senders * perSender;
        assertThat(completed.get()).isEqualTo(total);
        assertThat(counters.snapshot())
                .isEqualTo(new DeliveryCounters.Snapshot(total, total - expectedFailures.get(), expectedFailures.get()));
        assertThat(counters.snapshot().inFlight()).isZero();
        assertThat(counters.failuresByError()).containsExactlyEntriesOf(Map.of("TimeoutException", expectedFailures.get()));
    }
}
