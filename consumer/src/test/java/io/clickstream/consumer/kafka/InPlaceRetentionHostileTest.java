package io.clickstream.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.dlq.DeadLetterSender;
import io.clickstream.consumer.metrics.ConsumerMetrics;
import io.clickstream.consumer.testing.DirectExecutorService;
import io.clickstream.consumer.testing.Events;
import io.clickstream.consumer.testing.FakeS3Client;
import io.clickstream.consumer.testing.RecordingConsumer;
import io.clickstream.consumer.testing.Records;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a poll is handled, the loop keeps nothing of the arrays its records' values were read in: not through the
 * open files (rows written from the record's bytes), not through the dead letters waiting for their acknowledgement
 * (whose headers were lazy views into the record's array, as Kafka makes them for a compressed record), not
 * through a partition stopped by the memory budget. Only what BUFFER_MAX_BYTES and the letters' held bytes count
 * stays.
 */
class InPlaceRetentionHostileTest {
    private static final TopicPartition P0 = new TopicPartition("clickstream", 0);
    private static final TopicPartition P1 = new TopicPartition("clickstream", 1);
    private static final Instant NOW = Instant.parse("2026-01-19T12:30:00Z");
    private static final int PADDING = 200 * 1024;

    @TempDir
    Path spool;

    @Test
    void aHandledPollKeepsNoRecordArrayThroughOpenFilesOrPendingDeadLetters() throws Exception {
        var consumer = new RecordingConsumer();
        var clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var metrics = new ConsumerMetrics(new SimpleMeterRegistry());
        var wiring = new TestLoop(consumer, new FakeS3Client("bucket"), "bucket", spool, clock, new DirectExecutorService(),
                metrics, new AtomicBoolean(true));
        var producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        wiring.deadLetters = new DeadLetterSender(producer, "dlq");
        TestLoop.Wired wired = wiring.wire();
        consumer.assign(List.of(P0, P1));
        wired.deliveries().assigned(List.of(P0, P1), false, clock.millis());

        List<WeakReference<byte[]>> arrays = handleViews(wired.loop());

        assertThat(metrics.validCount()).as("rows written from the records' arrays").isEqualTo(10);
        assertThat(producer.history()).as("letters sent, none acknowledged yet").hasSize(10);
        assertThat(wired.deliveries().openFiles()).as("files still open").isGreaterThan(0);
        assertThat(collected(arrays)).as("record arrays freed, of %d", arrays.size()).isEqualTo(arrays.size());
        assertThat(producer.history().get(0).value()).as("the letter's own copy").hasSizeGreaterThan(PADDING);
        assertThat(producer.history().get(0).headers().lastHeader("trace").value())
                .asString(StandardCharsets.UTF_8).isEqualTo("t-0");
    }

    /** In a frame of its own, so that nothing of the test keeps a record's array. */
    private static List<WeakReference<byte[]>> handleViews(SinkLoop loop) {
        List<WeakReference<byte[]>> arrays = new ArrayList<>();
        List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TopicPartition tp = i % 2 == 0 ? P0 : P1;
            // Whitespace between the members is plain JSON: read by the fast path, in place.
            byte[] value = ("{" + " ".repeat(PADDING) + new String(Events.json("e-" + i, NOW.minusSeconds(5)),
                    StandardCharsets.UTF_8).substring(1)).getBytes(StandardCharsets.UTF_8);
            if (i % 4 >= 2) {
                value = (new String(value, StandardCharsets.UTF_8) + " trailing").getBytes(StandardCharsets.UTF_8);
            }
            byte[] header = ("t-" + i / 4).getBytes(StandardCharsets.UTF_8); // unique enough to find one back
            byte[] array = new byte[3 + value.length + 5 + header.length];
            System.arraycopy(value, 0, array, 3, value.length);
            System.arraycopy("trace".getBytes(StandardCharsets.UTF_8), 0, array, 3 + value.length, 5);
            System.arraycopy(header, 0, array, 8 + value.length, header.length);
            var headers = new RecordHeaders(new Header[] {new RecordHeader(ByteBuffer.wrap(array, 3 + value.length, 5).slice(),
                    ByteBuffer.wrap(array, 8 + value.length, header.length).slice())});
            records.add(new ConsumerRecord<>(tp.topic(), tp.partition(), i / 2, NOW.toEpochMilli(), TimestampType.CREATE_TIME,
                    -1, value.length, null, ByteBuffer.wrap(array, 3, value.length).slice(), headers, Optional.empty()));
            arrays.add(new WeakReference<>(array));
        }
        loop.handle(Records.batch(records));
        return arrays;
    }

    private static int collected(List<WeakReference<byte[]>> arrays) throws InterruptedException {
        int freed = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            System.gc();
            Thread.sleep(20);
            freed = (int) arrays.stream().filter(r -> r.get() == null).count();
            if (freed == arrays.size()) {
                break;
            }
        }
        return freed;
    }
}
