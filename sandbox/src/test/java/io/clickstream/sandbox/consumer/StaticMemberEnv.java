package io.clickstream.sandbox.consumer;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.Names;
import java.util.HashMap;
import java.util.Map;

/** A consumer jar's environment as a static member (id {@code <topic>-member}), with its topic, DLQ and bucket made. */
final class StaticMemberEnv {
    private StaticMemberEnv() {
    }

    static Map<String, String> of(EmbeddedStackExtension stack, Names names, int partitions, String protocol,
            String sessionTimeout) {
        stack.kafka().createTopic(names.topic(), partitions);
        stack.kafka().createTopic(names.dlqTopic(), 1);
        stack.s3().createBucket(names.bucket());
        Map<String, String> env = new HashMap<>(ConsumerEnv.of(stack, names));
        env.put("KAFKA_GROUP_PROTOCOL", protocol);
        env.put("KAFKA_SESSION_TIMEOUT", sessionTimeout);
        env.put("KAFKA_GROUP_INSTANCE_ID", names.topic() + "-member");
        env.put("BATCH_MAX_AGE", "1s");
        return env;
    }

    /** The same, exiting once idle for 5 s. */
    static Map<String, String> withIdleExit(Map<String, String> env) {
        Map<String, String> restart = new HashMap<>(env);
        restart.put("EXIT_WHEN_IDLE", "5s");
        return restart;
    }
}
