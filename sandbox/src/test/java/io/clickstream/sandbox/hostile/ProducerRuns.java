package io.clickstream.sandbox.hostile;

import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the producer-jar ITs read off a run: its summary line, its log, and the topic it wrote. */
final class ProducerRuns {
    /** Groups: outcome, sent, acked, failed. */
    static final Pattern SUMMARY = Pattern.compile("summary: (\\w+), sent=([\\d,]+) acked=([\\d,]+) failed=([\\d,]+)");

    private ProducerRuns() {
    }

    /** The last summary line of the run's output. */
    static Matcher lastSummary(List<String> lines) {
        return lines.stream().map(SUMMARY::matcher).filter(Matcher::find).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no summary line in:\n" + String.join("\n", lines)));
    }

    static void awaitLine(JarProcess process, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.output().contains(text)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no line with '" + text + "' within " + timeout + ":\n" + process.tail(20));
            }
            Thread.sleep(100);
        }
    }

    static void awaitAtLeast(String bootstrap, String topic, long records, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(bootstrap, topic) < records) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("topic " + topic + " holds fewer than " + records + " records after " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** The sum of the topic's end offsets; 0 when it does not exist. */
    static long count(String bootstrap, String topic) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (var consumer = new KafkaConsumer<byte[], byte[]>(props)) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A count as the summary prints it, with thousands separators. */
    static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
