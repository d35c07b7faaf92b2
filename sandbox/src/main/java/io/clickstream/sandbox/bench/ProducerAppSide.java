package io.clickstream.sandbox.bench;

import io.clickstream.producer.ProducerApp;
import io.clickstream.producer.ProducerConfig;
import io.clickstream.producer.ProducerSummary;
import io.clickstream.producer.publish.ClusterAccess;
import io.clickstream.producer.publish.KafkaClients;
import io.clickstream.sandbox.bench.ProducerBenchResult.Measurement;
import io.clickstream.sandbox.bench.ProducerBenchResult.Side;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;

/**
 * Side A of the producer benchmark: {@link ProducerApp} as the CLI runs it, with its client counting the bytes
 * it is handed. It fetches the topic's metadata within its own time, as the CLI does.
 */
final class ProducerAppSide {

    private ProducerAppSide() {
    }

    static Measurement run(ProducerConfig config, int round) {
        System.gc(); // start each run from a collected heap, not with the previous run's garbage
        var bytes = new AtomicLong();
        var clients = new KafkaClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
                return new ByteCountingProducer(properties, bytes);
            }

            @Override
            public ClusterAccess cluster(Map<String, Object> adminProperties) {
                return KafkaClients.real().cluster(adminProperties);
            }
        };
        long cpuStart = ProcessCpu.nanos();
        ProducerSummary summary = new ProducerApp(clients).run(config, new AtomicBoolean());
        Duration cpu = ProcessCpu.since(cpuStart);
        if (!summary.succeeded() || summary.sent() != config.events()) {
            throw new IllegalStateException("the producer's run failed: " + String.join(" / ", summary.describe()));
        }
        return new Measurement(Side.PRODUCER, round, summary.sent(), bytes.get(), summary.elapsed(), cpu);
    }
}
