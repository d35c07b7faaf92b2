package io.clickstream.sandbox.producer;

import io.clickstream.sandbox.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded broker per test class, on a free port, deleted after the class. The producer tests need
 * no S3, so this skips the {@code EmbeddedStackExtension}'s S3 server and the seconds it takes to start.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBroker KAFKA = new KafkaBroker();
 * }</pre>
 */
final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.start(0, null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("KafkaBroker is not started: register it on a static field with @RegisterExtension");
        }
        return kafka;
    }

    String bootstrapServers() {
        return kafka().bootstrapServers();
    }
}
