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
public final class DeadLetterRouter implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public DeadLetterRouter(Producer<byte[], byte[]> producer, String topic) {
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
        return producer.send(new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers));
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
