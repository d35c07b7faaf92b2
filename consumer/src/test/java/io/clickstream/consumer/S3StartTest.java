package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;

class S3StartTest {

    @Test
    void buildsTheClientAndWaitsForTheBucketOnAThreadOfItsOwn() {
        var client = new ClosableClient();
        var builtOn = new AtomicReference<String>();
        var checkedOn = new AtomicReference<String>();

        try (var start = new S3Start(() -> {
            builtOn.set(Thread.currentThread().getName());
            return client;
        }, (s3, wanted) -> checkedOn.set(Thread.currentThread().getName()))) {
            assertThat(start.await()).isSameAs(client);
            start.throwIfFailed();
        }

        assertThat(builtOn.get()).isEqualTo("s3-start").isNotEqualTo(Thread.currentThread().getName());
        assertThat(checkedOn.get()).isEqualTo("s3-start");
        assertThat(client.closed).isTrue();
    }

    @Test
    void aConfigurationErrorIsRethrownAsItWasAndCanBeSeenBeforeTheAwait() {
        var error = new ConsumerApp.StartupException("S3 bucket 'b' does not exist (S3_BUCKET); create it first");
        var client = new ClosableClient();
        try (var start = new S3Start(() -> client, (s3, wanted) -> {
            throw error;
        })) {
            awaitDone(start);
            assertThatThrownBy(start::throwIfFailed).isSameAs(error);
            assertThatThrownBy(start::await).isSameAs(error);
        }
        assertThat(client.closed).as("a client whose bucket check failed is closed").isTrue();
    }

    @Test
    void anUnreachableS3DoesNotEndTheKafkaHalfsWaitButAwaitStillThrowsIt() {
        var timeout = new StartupWait.UnreachableException("S3 bucket 'b' unreachable for 6s (STARTUP_TIMEOUT): refused");
        try (var start = new S3Start(ClosableClient::new, (s3, wanted) -> {
            throw timeout;
        })) {
            awaitDone(start);
            start.throwIfFailed(); // Kafka's wait, bound by the same deadline, names Kafka if it is down too
            assertThatThrownBy(start::await).isSameAs(timeout);
        }
    }

    @Test
    void aClientStillWaitingForItsBucketWhenTheStartEndsIsClosedOnceBuilt() throws Exception {
        var client = new ClosableClient();
        var release = new CountDownLatch(1);
        var start = new S3Start(() -> client, (s3, wanted) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        start.close();
        assertThat(client.closed).isFalse();
        release.countDown();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!client.closed && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.closed).isTrue();
    }

    /**
     * A failure of the S3 half that is not a configuration error (a bug, an SDK that cannot build its client, an
     * Error) waited for Kafka before: with Kafka down it was never reported, the start ending, if ever, naming Kafka.
     * Before the two halves ran side by side it ended the start at once; it still must.
     */
    @Test
    void anUnexpectedFailureOfTheS3HalfEndsTheKafkaHalfsWaitToo() {
        var bug = new IllegalStateException("cannot build the S3 client");
        var running = new AtomicBoolean(true);
        try (var start = new S3Start(() -> {
            throw bug;
        }, (s3, wanted) -> {
        })) {
            awaitDone(start);
            var wait = new StartupWait(Duration.ZERO, running::get, () -> {
            });
            wait.abortOn(start::throwIfFailed);

            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                    () -> wait.awaitBucket(new UnreachableClient(), "kafka-stand-in", () -> true)).isSameAs(bug));
        } finally {
            running.set(false);
        }
    }

    /**
     * The start ended on the main thread (a metrics port in use, Kafka refusing us) while S3 did not answer: the S3
     * half must stop waiting and close its client, not go on until STARTUP_TIMEOUT (forever with 0) in a JVM that
     * goes on, such as a test's.
     */
    @Test
    void aStartThatEndsStopsTheS3HalfsWaitAndClosesItsClient() throws Exception {
        var client = new UnreachableClient();
        var running = new AtomicBoolean(true);
        var wait = new StartupWait(Duration.ZERO, running::get, () -> {
        });
        try {
            var start = new S3Start(() -> client, (s3, wanted) -> wait.awaitBucket(s3, "b", wanted));
            while (client.attempts.get() == 0) {
                Thread.sleep(10);
            }
            start.close();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!client.closed && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(client.closed).as("closed once the start ended, within a backoff").isTrue();
        } finally {
            running.set(false);
        }
    }

    /** Lets the start finish: {@code await} blocks until it has, and throws what it ended with. */
    private static void awaitDone(S3Start start) {
        try {
            start.await();
        } catch (RuntimeException expected) {
            // looked at by the test
        }
    }

    /** S3 that never answers: every HEAD of the bucket fails as a refused connection does. */
    private static final class UnreachableClient implements S3Client {
        private volatile boolean closed;
        private final AtomicInteger attempts = new AtomicInteger();

        @Override
        public HeadBucketResponse headBucket(HeadBucketRequest request) {
            attempts.incrementAndGet();
            throw SdkClientException.create("connection refused");
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class ClosableClient implements S3Client {
        private volatile boolean closed;
        private final AtomicBoolean once = new AtomicBoolean();

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
            if (once.compareAndSet(false, true)) {
                closed = true;
            }
        }
    }
}
