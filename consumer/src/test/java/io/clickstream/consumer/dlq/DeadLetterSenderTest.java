package io.clickstream.consumer.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.testing.Records;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterSenderTest {
    private static final TopicPartition SOURCE = new TopicPartition("clickstream", 4);
    private static final byte[] KEY = "session-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{broken".getBytes(StandardCharsets.UTF_8);
    private static final List<Violation> VIOLATIONS = List.of(
            new Violation("$", Reason.MALFORMED_JSON, "unexpected end of input"),
            new Violation("user_id", Reason.MISSING_FIELD, "required"));

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final DeadLetterSender router = new DeadLetterSender(producer, "clickstream-dlq");

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static RecordHeaders originalHeaders() {
        var headers = new RecordHeaders();
        headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void keepsTheOriginalKeyValueAndHeaders() {
        router.send(Records.arrays(SOURCE, 1234, 1_768_817_730_000L, KEY, VALUE, originalHeaders()), VIOLATIONS);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("clickstream-dlq");
        assertThat(sent.key()).isEqualTo(KEY);
        assertThat(sent.value()).isEqualTo(VALUE);
        assertThat(header(sent, "trace-id")).isEqualTo("abc");
        assertThat(header(sent, "content-type")).isEqualTo("application/json");
    }

    @Test
    void addsWhyAndWhereHeaders() {
        router.send(Records.arrays(SOURCE, 1234, 1_768_817_730_000L, KEY, VALUE, originalHeaders()), VIOLATIONS);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(header(sent, DeadLetterHeaders.ERROR_REASON)).isEqualTo("malformed_json");
        assertThat(header(sent, DeadLetterHeaders.ERROR_FIELD)).isEqualTo("$");
        assertThat(header(sent, DeadLetterHeaders.ERROR_MESSAGE))
                .isEqualTo("$: malformed_json (unexpected end of input); user_id: missing_field (required)");
        assertThat(header(sent, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("clickstream");
        assertThat(header(sent, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("4");
        assertThat(header(sent, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1234");
        assertThat(header(sent, DeadLetterHeaders.SOURCE_TIMESTAMP)).isEqualTo("1768817730000");
    }

    @Test
    void headerNamesFollowKafkaConnectsConvention() {
        assertThat(List.of(DeadLetterHeaders.ERROR_REASON, DeadLetterHeaders.ERROR_FIELD, DeadLetterHeaders.ERROR_MESSAGE,
                DeadLetterHeaders.SOURCE_TOPIC, DeadLetterHeaders.SOURCE_PARTITION, DeadLetterHeaders.SOURCE_OFFSET,
                DeadLetterHeaders.SOURCE_TIMESTAMP)).containsExactly("error.reason", "error.field", "error.message",
                "source.topic", "source.partition", "source.offset", "source.timestamp");
    }

    @Test
    void aReplayedDeadLetterHasItsErrorHeadersReplacedNotDuplicated() {
        var headers = originalHeaders();
        headers.add(DeadLetterHeaders.ERROR_REASON, "old".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, "1".getBytes(StandardCharsets.UTF_8));

        router.send(Records.arrays(SOURCE, 99, 5L, KEY, VALUE, headers), VIOLATIONS);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.headers().headers(DeadLetterHeaders.ERROR_REASON)).hasSize(1);
        assertThat(sent.headers().headers(DeadLetterHeaders.SOURCE_OFFSET)).hasSize(1);
        assertThat(header(sent, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("99");
    }

    @Test
    void theSourceRecordsHeadersAreNotModified() {
        var headers = originalHeaders();
        var record = Records.arrays(SOURCE, 7, 5L, KEY, VALUE, headers);

        router.send(record, VIOLATIONS);

        assertThat(record.headers().toArray()).hasSize(2);
    }

    @Test
    void aRecordWithoutKeyOrValueIsStillDeadLettered() {
        router.send(Records.arrays(SOURCE, 8, -1L, null, null, new RecordHeaders()),
                List.of(new Violation("$", Reason.EMPTY_RECORD, "no value")));

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.key()).isNull();
        assertThat(sent.value()).isNull();
        assertThat(header(sent, DeadLetterHeaders.ERROR_REASON)).isEqualTo("empty_record");
        assertThat(header(sent, DeadLetterHeaders.SOURCE_TIMESTAMP)).isEqualTo("-1");
    }

    @Test
    void theReturnedFutureCompletesOnlyWhenKafkaAcknowledges() throws Exception {
        var manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        var manualRouter = new DeadLetterSender(manual, "clickstream-dlq");

        Future<RecordMetadata> ack = manualRouter.send(Records.arrays(SOURCE, 1, 5L, KEY, VALUE, new RecordHeaders()), VIOLATIONS);

        assertThat(ack).isNotDone();
        manual.completeNext();
        assertThat(ack).isDone();
        assertThat(ack.get().topic()).isEqualTo("clickstream-dlq");
    }

    @Test
    void closeClosesTheProducer() {
        router.close();

        assertThat(producer.closed()).isTrue();
        assertThat(router.topic()).isEqualTo("clickstream-dlq");
    }

    @Test
    void aValueTooLargeForTheDeadLetterTopicIsCutAndMarkedSoItCanNeverBlockThePartition() {
        byte[] huge = new byte[(1 << 20) + 1];
        router.send(Records.arrays(SOURCE, 7, 1_768_817_730_000L, KEY, huge, originalHeaders()), VIOLATIONS);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.value()).hasSize(DeadLetterSender.MAX_FORWARDED_VALUE_BYTES);
        assertThat(new String(sent.headers().lastHeader(DeadLetterHeaders.VALUE_TRUNCATED).value(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("true");
        assertThat(new String(sent.headers().lastHeader(DeadLetterHeaders.VALUE_BYTES).value(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(Integer.toString(huge.length));
    }

    @Test
    void theRecordsOwnHeadersNamedLikeOursArriveRenamedSoNoneCanPassForOurs() {
        var headers = originalHeaders();
        headers.add("error.reason", "forged".getBytes(StandardCharsets.UTF_8));
        headers.add("error.custom", "x".getBytes(StandardCharsets.UTF_8));
        headers.add("source.offset", "1".getBytes(StandardCharsets.UTF_8));

        router.send(Records.arrays(SOURCE, 99, 5L, KEY, VALUE, headers), VIOLATIONS);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(header(sent, "original.error.reason")).isEqualTo("forged");
        assertThat(header(sent, "original.error.custom")).isEqualTo("x");
        assertThat(header(sent, "error.custom")).isNull();
        assertThat(header(sent, "original.source.offset")).isEqualTo("1");
        assertThat(header(sent, DeadLetterHeaders.ERROR_REASON)).isEqualTo("malformed_json");
        assertThat(header(sent, "trace-id")).isEqualTo("abc");
    }

    @Test
    void theRecordsOwnHeadersAreForwardedUpToTheirCapAndTheRestAreCounted() {
        var headers = new RecordHeaders();
        headers.add("small", "s".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            headers.add("bulk-" + i, new byte[20 * 1024]);
        }

        router.send(Records.arrays(SOURCE, 3, 5L, KEY, VALUE, headers), VIOLATIONS);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(header(sent, "small")).isEqualTo("s");
        assertThat(sent.headers().lastHeader("bulk-2")).isNotNull();
        assertThat(sent.headers().lastHeader("bulk-3")).isNull();
        assertThat(header(sent, DeadLetterHeaders.HEADERS_DROPPED)).isEqualTo("2");
        assertThat(header(sent, DeadLetterHeaders.HEADERS_BYTES)).isEqualTo(Long.toString(6 + 5 * (6 + 20 * 1024)));
    }

    @Test
    void aValueTheDeserializerAlreadyCutIsMarkedWithItsSizeOnTheBroker() {
        byte[] prefix = new byte[DeadLetterSender.MAX_FORWARDED_VALUE_BYTES];
        var record = new ConsumerRecord<>("clickstream", 4, 11L, 5L, TimestampType.CREATE_TIME, KEY.length, 25 << 20, KEY,
                prefix, new RecordHeaders(), Optional.empty());

        router.send(record, VIOLATIONS);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.value()).hasSize(DeadLetterSender.MAX_FORWARDED_VALUE_BYTES);
        assertThat(header(sent, DeadLetterHeaders.VALUE_TRUNCATED)).isEqualTo("true");
        assertThat(header(sent, DeadLetterHeaders.VALUE_BYTES)).isEqualTo(Integer.toString(25 << 20));
    }

    @Test
    void aLongKeyIsCutAndMarked() {
        byte[] key = new byte[DeadLetterSender.MAX_FORWARDED_KEY_BYTES + 10];

        router.send(Records.arrays(SOURCE, 12, 5L, key, VALUE, new RecordHeaders()), VIOLATIONS);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.key()).hasSize(DeadLetterSender.MAX_FORWARDED_KEY_BYTES);
        assertThat(header(sent, DeadLetterHeaders.KEY_TRUNCATED)).isEqualTo("true");
        assertThat(header(sent, DeadLetterHeaders.KEY_BYTES)).isEqualTo(Integer.toString(key.length));
    }

    @Test
    void aSendTheProducerRefusesAtOnceFailsTheFutureInsteadOfThrowing() {
        producer.sendException = new org.apache.kafka.common.errors.RecordTooLargeException("too large");

        Future<RecordMetadata> ack = router.send(Records.arrays(SOURCE, 1, 5L, KEY, VALUE, new RecordHeaders()), VIOLATIONS);

        assertThat(ack).isDone();
        assertThatThrownBy(ack::get).hasCauseInstanceOf(org.apache.kafka.common.errors.RecordTooLargeException.class);
    }

    @Test
    void aLetterTellsPassingFailuresFromRefusals() throws Exception {
        var manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        var sender = new DeadLetterSender(manual, "clickstream-dlq");
        DeadLetter timedOut = sender.deadLetter(Records.record(SOURCE, 1, 5L, KEY, VALUE, new RecordHeaders()), VIOLATIONS);
        DeadLetter tooLarge = sender.deadLetter(Records.record(SOURCE, 2, 5L, KEY, VALUE, new RecordHeaders()), VIOLATIONS);
        DeadLetter noTopic = sender.deadLetter(Records.record(SOURCE, 3, 5L, KEY, VALUE, new RecordHeaders()), VIOLATIONS);
        manual.errorNext(new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)"));
        manual.errorNext(new org.apache.kafka.common.errors.RecordTooLargeException("too large"));
        manual.errorNext(new org.apache.kafka.common.errors.TimeoutException("Topic x not present in metadata after 60000 ms."));

        assertThat(timedOut.await()).isInstanceOf(DeadLetter.Outcome.Transient.class);
        assertThat(tooLarge.await()).isInstanceOf(DeadLetter.Outcome.Refused.class);
        assertThat(noTopic.await()).isInstanceOf(DeadLetter.Outcome.Refused.class);
        assertThat(timedOut.coordinates()).isEqualTo("clickstream-4@1");
    }

    @Test
    void aLetterThatFailedForAPassingReasonIsSentAgainWhenAwaitedAgain() throws Exception {
        var manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetter letter = new DeadLetterSender(manual, "clickstream-dlq")
                .deadLetter(Records.record(SOURCE, 1, 5L, KEY, VALUE, new RecordHeaders()), VIOLATIONS);
        manual.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker down"));
        assertThat(letter.await()).isInstanceOf(DeadLetter.Outcome.Transient.class);

        Thread waiter = new Thread(() -> {
            try {
                letter.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (manual.history().size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        manual.completeNext();
        waiter.join(10_000);

        assertThat(manual.history()).hasSize(2);
        assertThat(letter.await()).as("acknowledged: no third send").isInstanceOf(DeadLetter.Outcome.Acknowledged.class);
        assertThat(manual.history()).hasSize(2);
    }
}
