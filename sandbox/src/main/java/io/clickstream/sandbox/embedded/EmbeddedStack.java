package io.clickstream.sandbox.embedded;

import java.nio.file.Path;

/** An embedded Kafka broker and an embedded S3 server, started and closed together. */
public final class EmbeddedStack implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
    }

    /**
     * Starts both, Kafka's data in a temporary directory.
     *
     * @param kafkaPort 0 for a free port
     * @param s3Port 0 for a free port
     * @param lakeDirOrNull the S3 filesystem store's directory, or {@code null} for in-memory S3
     */
    public static EmbeddedStack start(int kafkaPort, int s3Port, Path lakeDirOrNull) {
        return start(kafkaPort, s3Port, lakeDirOrNull, null);
    }

    /**
     * Starts Kafka, then S3. One after the other on purpose: on two cores a parallel start
     * measured no faster (about 3.6 s either way), the JIT and class loading being the bottleneck.
     *
     * @param kafkaDataDirOrNull Kafka's data directory, or {@code null} for a temporary one
     */
    public static EmbeddedStack start(int kafkaPort, int s3Port, Path lakeDirOrNull, Path kafkaDataDirOrNull) {
        return start(kafkaPort, -1, s3Port, lakeDirOrNull, kafkaDataDirOrNull);
    }

    /**
     * @param secureKafkaPort the port of Kafka's SASL_SSL listener ({@link EmbeddedKafka#startSecure}), 0 for a
     *     free one, negative for none
     */
    public static EmbeddedStack start(int kafkaPort, int secureKafkaPort, int s3Port, Path lakeDirOrNull,
            Path kafkaDataDirOrNull) {
        EmbeddedKafka kafka = secureKafkaPort < 0 ? EmbeddedKafka.start(kafkaPort, kafkaDataDirOrNull)
                : EmbeddedKafka.startSecure(kafkaPort, secureKafkaPort, kafkaDataDirOrNull);
        try {
            return new EmbeddedStack(kafka, EmbeddedS3.start(s3Port, lakeDirOrNull));
        } catch (RuntimeException | Error e) { // Error too: Kafka never outlives a failed start
            kafka.close();
            throw e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    /** Closes S3 and Kafka; the second is closed even if the first fails. */
    @Override
    public void close() {
        try {
            s3.close();
        } finally {
            kafka.close();
        }
    }
}
