package io.clickstream.sandbox.bench;

import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The real client, counting the key and value bytes it is handed: the same extra work on both sides. */
final class ByteCountingProducer extends KafkaProducer<byte[], byte[]> {
    private final AtomicLong bytes;

    ByteCountingProducer(Map<String, Object> properties, AtomicLong bytes) {
        super(properties);
        this.bytes = bytes;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        bytes.addAndGet((record.key() == null ? 0 : record.key().length) + record.value().length);
        return super.send(record, callback);
    }
}
