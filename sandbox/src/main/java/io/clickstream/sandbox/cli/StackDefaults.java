package io.clickstream.sandbox.cli;

import java.util.Map;

/** Names shared by the sandbox commands, with the same defaults as the apps. */
final class StackDefaults {
    static final String BUCKET = env("S3_BUCKET", "clickstream-bucket");
    static final String TOPIC = env("KAFKA_TOPIC", "clickstream");
    static final String DLQ_TOPIC = env("DLQ_TOPIC", "clickstream-dlq");
    static final String PREFIX = env("S3_PREFIX", "clickstream");
    static final int PARTITIONS = 6;

    private StackDefaults() {
    }

    private static String env(String name, String dflt) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? dflt : value.trim();
    }

    /** The variables that point the producer and consumer at an embedded stack. */
    static Map<String, String> appEnvironment(String kafka, String s3Endpoint, String accessKey, String secretKey,
            String region) {
        return Map.of(
                "KAFKA_BROKER", kafka,
                "KAFKA_TOPIC", TOPIC,
                "DLQ_TOPIC", DLQ_TOPIC,
                "S3_BUCKET", BUCKET,
                "S3_PREFIX", PREFIX,
                "AWS_ENDPOINT_URL", s3Endpoint,
                "AWS_DEFAULT_REGION", region,
                "AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey);
    }
}
