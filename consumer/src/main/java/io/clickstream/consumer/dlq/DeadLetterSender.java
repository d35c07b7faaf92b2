package io.clickstream.consumer.dlq;

import io.clickstream.common.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends an invalid record to the dead-letter topic with its original key, value and headers, plus
 * headers saying why and where it came from. The returned future must complete successfully before
 * the source offset is committed past.
 */
public final class DeadLetterSender implements AutoCloseable {
    /**
     * Largest value forwarded whole. A larger one (only a record_too_large can be) is cut to this size
     * with headers saying so: a value the dead-letter topic can never accept would otherwise fail on
     * every replay and block its partition for good.
     */
    public static final int MAX_FORWARDED_VALUE_BYTES = 512 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public DeadLetterSender(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public Future<RecordMetadata> send(ConsumerRecord<byte[], byte[]> record, List<Violation> violations) {
        var headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        Violation primary = violations.get(0);
        put(headers, DeadLetterHeaders.ERROR_REASON, primary.reason().code());
        put(headers, DeadLetterHeaders.ERROR_FIELD, primary.field());
        put(headers, DeadLetterHeaders.ERROR_MESSAGE,
                violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
        put(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(record.timestamp()));
        byte[] value = record.value();
        if (value != null && value.length > MAX_FORWARDED_VALUE_BYTES) {
            put(headers, DeadLetterHeaders.VALUE_TRUNCATED, "true");
            put(headers, DeadLetterHeaders.VALUE_BYTES, Integer.toString(value.length));
            value = java.util.Arrays.copyOf(value, MAX_FORWARDED_VALUE_BYTES);
        }
        return producer.send(new ProducerRecord<>(topic, null, null, record.key(), value, headers));
    }

    public void flush() {
        producer.flush();
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close();
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
