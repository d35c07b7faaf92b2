package io.clickstream.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class EmbeddedStackIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void extensionServesKafkaAndS3ForTheWholeClass() throws Exception {
        STACK.kafka().createTopic("stack", 1);
        List<String> sent = EmbeddedKafkaIT.produce(STACK.kafka(), "stack", "stack", 10);
        assertThat(EmbeddedKafkaIT.consumeAll(STACK.kafka(), "stack", sent.size())).containsExactlyElementsOf(sent);

        STACK.s3().createBucket("lake");
        try (S3Client client = STACK.s3().newClient()) {
            client.putObject(r -> r.bucket("lake").key("hour=10/file.parquet"),
                    RequestBody.fromString("parquet", StandardCharsets.UTF_8));
        }
        assertThat(STACK.lakeDir().resolve("lake/hour=10/file.parquet")).hasContent("parquet");
    }

    @Test
    void kafkaAndS3UseDistinctLoopbackPorts() {
        assertThat(STACK.kafka().bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(STACK.s3().endpoint().toString()).startsWith("http://127.0.0.1:");
        assertThat(STACK.s3().port()).isNotEqualTo(STACK.kafka().port());
    }
}
