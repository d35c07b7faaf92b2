package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.embedded.EmbeddedStack;
import java.util.HashMap;
import java.util.Map;

/** The variables the run gives its child processes: the embedded stack's endpoints, the run's names and options. */
final class ChildEnvironments {

    private ChildEnvironments() {
    }

    /**
     * Every consumer's, before {@link ConsumerPool} adds its own spool folder, instance id and fault hook; the group
     * protocol only if the run names one, so that otherwise the consumer's default is measured.
     */
    static Map<String, String> consumer(EmbeddedStack stack, ChaosOptions options) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", stack.kafka().bootstrapServers());
        env.put("KAFKA_TOPIC", ChaosRun.TOPIC);
        env.put("KAFKA_GROUP_ID", ChaosRun.GROUP);
        env.put("DLQ_TOPIC", ChaosRun.DLQ_TOPIC);
        env.put("S3_BUCKET", ChaosRun.BUCKET);
        env.put("S3_PREFIX", ChaosRun.PREFIX);
        env.put("AWS_ENDPOINT_URL", stack.s3().endpoint().toString());
        env.put("AWS_DEFAULT_REGION", stack.s3().region());
        env.put("AWS_ACCESS_KEY_ID", stack.s3().accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", stack.s3().secretKey());
        env.putAll(options.consumerSettings());
        if (options.groupProtocol() != null) {
            env.put(ConsumerPool.GROUP_PROTOCOL_ENV, options.groupProtocol());
        }
        return env;
    }

    static Map<String, String> producer(EmbeddedStack stack, ChaosOptions options) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", stack.kafka().bootstrapServers());
        env.put("KAFKA_TOPIC", ChaosRun.TOPIC);
        env.put("PRODUCER_EVENTS", Long.toString(options.events()));
        env.put("PRODUCER_RATE", Integer.toString(options.rate()));
        env.put("PRODUCER_SEED", Long.toString(options.seed()));
        env.put("PRODUCER_INVALID_RATIO", Double.toString(options.invalidRatio()));
        env.put("PRODUCER_PROGRESS_INTERVAL", "10s");
        return env;
    }
}
