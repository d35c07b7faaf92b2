package io.clickstream.sandbox.testing;

/** The Kafka and S3 names one test uses, so tests sharing a stack never see each other's data. */
public record Names(String topic, String dlqTopic, String group, String bucket, String prefix) {

    public static Names of(String slug) {
        return new Names(slug, slug + "-dlq", slug + "-group", slug + "-bucket", "lake");
    }
}
